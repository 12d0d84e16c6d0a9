"""The pygls private state :mod:`mp_lsp.server.pygls_adapter` relies on, on the installed pygls.

Each entry of the adapter's lists is checked by name against real pygls objects, and each of
its functions is run once, so a pygls upgrade that renames, retypes or rewires one of them
fails here, naming it, rather than in an editor.
"""

from __future__ import annotations

import json
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from mp_lsp.server import pygls_adapter
from mp_lsp.server.main import create_server
from mp_lsp.server.protocol import MpLspProtocol
from mp_lsp.server.server import MpLanguageServer


class CollectingWriter:
    """A pygls writer that keeps the framed messages written to it."""

    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> None:
        self.data += data

    def close(self) -> None:
        pass

    def messages(self) -> list[Any]:
        bodies = self.data.split(b"Content-Length: ")[1:]
        return [json.loads(body[body.index(b"\r\n\r\n") + 4 :]) for body in bodies]


@pytest.fixture
def pygls_server() -> LanguageServer:
    """A plain pygls server: what the adapter's accesses are checked against."""
    return LanguageServer(name="probe", version="0")


@pytest.fixture
def writer(pygls_server: LanguageServer) -> CollectingWriter:
    collected = CollectingWriter()
    pygls_server.protocol.set_writer(collected)
    return collected


@pytest.mark.parametrize(
    "access", pygls_adapter.PRIVATE_ACCESSES, ids=lambda access: access.path
)
def test_each_private_access_exists_with_its_kind(
    access: pygls_adapter.PrivateAccess, pygls_server: LanguageServer
) -> None:
    value = access.resolve(pygls_server.protocol)
    assert isinstance(value, access.kind), (access.path, type(value))


@pytest.mark.parametrize(
    ("name", "method"), pygls_adapter.OVERRIDDEN_BUILTINS.items()
)
def test_each_overridden_builtin_is_replaced(name: str, method: str) -> None:
    # pygls still names its builtin so, for that method...
    assert getattr(LanguageServerProtocol, name).method_name == method
    # ...so the server's method of the same name is the one registered for it.
    registered = create_server().protocol.fm.builtin_features[method]
    assert registered.__func__ is getattr(MpLspProtocol, name)


def test_the_protocol_shadows_nothing_else_of_pygls(pygls_server: LanguageServer) -> None:
    """A name pygls adds later that the server's protocol already uses would silently replace
    pygls' own: only the listed builtins may be shadowed."""
    methods = {name for name in vars(MpLspProtocol) if not name.startswith("__")}
    assert {name for name in methods if hasattr(LanguageServerProtocol, name)} == set(
        pygls_adapter.OVERRIDDEN_BUILTINS
    )
    attributes = set(vars(create_server().protocol)) - set(vars(pygls_server.protocol))
    assert attributes and not {name for name in attributes if hasattr(pygls_server.protocol, name)}


def test_is_shut_down(pygls_server: LanguageServer, writer: CollectingWriter) -> None:
    protocol = pygls_server.protocol
    assert pygls_adapter.is_shut_down(protocol) is False
    protocol.handle_message(types.ShutdownRequest(id=1))
    assert writer.messages() == [{"jsonrpc": "2.0", "id": 1, "result": None}]
    assert pygls_adapter.is_shut_down(protocol) is True


def test_pop_result_type_and_fail_request(
    pygls_server: LanguageServer, writer: CollectingWriter
) -> None:
    protocol = pygls_server.protocol
    params = types.ConfigurationParams(items=[types.ConfigurationItem(section="mp-lsp")])
    future = protocol.send_request(types.WORKSPACE_CONFIGURATION, params, msg_id="config")
    assert [message["id"] for message in writer.messages()] == ["config"]
    assert pygls_adapter.pop_result_type(protocol, "config") is types.ConfigurationResponse
    assert pygls_adapter.pop_result_type(protocol, "config") is None
    error = ValueError("unreadable")
    pygls_adapter.fail_request(protocol, "config", error)
    assert future.exception() is error
    pygls_adapter.fail_request(protocol, "config", error)  # nothing waits any more


def test_fail_request_leaves_an_answered_request_alone(pygls_server: LanguageServer) -> None:
    future: Future[Any] = pygls_server.protocol.send_request(types.SHUTDOWN, msg_id="done")
    future.set_result(None)
    pygls_adapter.fail_request(pygls_server.protocol, "done", ValueError("late"))
    assert future.result() is None


def test_send_raw_keeps_a_null_id(pygls_server: LanguageServer, writer: CollectingWriter) -> None:
    message = {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "no JSON"}}
    pygls_adapter.send_raw(pygls_server.protocol, message)
    assert writer.messages() == [message]
    assert writer.data.startswith(b"Content-Length: ")


def test_user_handler_and_serves_method(pygls_server: LanguageServer) -> None:
    @pygls_server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams) -> None:
        return None

    protocol = pygls_server.protocol
    assert pygls_adapter.user_handler(protocol, types.TEXT_DOCUMENT_HOVER) is not None
    assert pygls_adapter.user_handler(protocol, types.SHUTDOWN) is None  # a builtin only
    assert pygls_adapter.serves_method(protocol, types.TEXT_DOCUMENT_HOVER)
    assert pygls_adapter.serves_method(protocol, types.SHUTDOWN)
    assert not pygls_adapter.serves_method(protocol, "no/such/method")


def test_call_user_handler_runs_the_servers_handler(tmp_path: Path) -> None:
    """The replaced didOpen forwards through pygls' generator convention to the server's."""
    server: MpLanguageServer = create_server()
    uri = (tmp_path / "a.py").as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="python", version=3, text="x = 1\n")
    server.protocol.handle_message(
        types.DidOpenTextDocumentNotification(
            params=types.DidOpenTextDocumentParams(text_document=item)
        )
    )
    document = server.documents.get(uri)
    assert document is not None and (document.version, document.text) == (3, "x = 1\n")


def test_the_replaced_exit_does_not_call_sys_exit() -> None:
    """pygls' own exit raises ``SystemExit``; the server's ends its loop instead."""
    server = create_server()
    server.protocol.handle_message(types.ExitNotification())
    with pytest.raises(SystemExit):
        LanguageServer(name="probe", version="0").protocol.handle_message(
            types.ExitNotification()
        )
