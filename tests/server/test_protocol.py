"""JSON-RPC and lifecycle edge cases, written byte by byte to a server subprocess.

Each of these is a known gap of some Python language server: a request that is never answered,
a server that outlives its editor, an allocation sized by a header.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.helpers import LAMBDA_PROGRAM, RawServer, rss_kib

INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, PARSE_ERROR = -32600, -32601, -32602, -32700
SERVER_NOT_INITIALIZED = -32002


@pytest.fixture
def server() -> Iterator[RawServer]:
    raw = RawServer()
    yield raw
    raw.kill()


@pytest.fixture
def ready(server: RawServer, tmp_path: Path) -> RawServer:
    """A server after ``initialize`` and ``initialized``."""
    server.initialize(tmp_path)
    return server


def _open(server: RawServer, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": version, "text": text}},
    )
    return uri


def _text(server: RawServer, msg_id: int, uri: str) -> object:
    server.request(msg_id, "mp-lsp/documentText", {"textDocument": {"uri": uri}})
    return server.response(msg_id)["result"]


def _position(line: object, character: object) -> dict[str, object]:
    return {"line": line, "character": character}


def test_invalid_params_get_an_invalid_params_error(ready: RawServer, tmp_path: Path) -> None:
    uri = _open(ready, tmp_path / "a.py", "x = 1\n")
    cases = {
        1: {"start": _position(-1, 0), "end": _position(0, 1)},
        2: {"start": _position("zero", 0), "end": _position(0, 1)},
        3: {"start": _position(0, 0)},
        4: [1, 2],
    }
    errors = {}
    for msg_id, range_ in cases.items():
        ready.request(
            msg_id, "mp-lsp/documentText", {"textDocument": {"uri": uri}, "range": range_}
        )
        errors[msg_id] = ready.response(msg_id)["error"]
        assert errors[msg_id]["code"] == INVALID_PARAMS, errors[msg_id]
    ready.request(
        6,
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": _position(-3, 0)},
    )
    assert ready.response(6)["error"]["code"] == INVALID_PARAMS
    # The message names the field and the rule it breaks.
    assert "range.start" in errors[1]["message"] and "-1" in errors[1]["message"]
    # Still serving.
    assert _text(ready, 5, uri) == {"uri": uri, "version": 1, "text": "x = 1\n"}


def test_malformed_messages_get_answers_and_the_server_goes_on(ready: RawServer) -> None:
    ready.send(b"{this is not json")
    assert ready.response(None)["error"]["code"] == PARSE_ERROR
    ready.send(b"\xff\xfe not utf-8")
    assert ready.response(None)["error"]["code"] == PARSE_ERROR
    ready.send(b"[1, 2, 3]")
    assert ready.response(None)["error"]["code"] == INVALID_REQUEST
    ready.send({"id": 7, "method": "shutdown"})  # no "jsonrpc"
    assert ready.response(7)["error"]["code"] == INVALID_REQUEST
    ready.send({"jsonrpc": "2.0", "id": {"not": "an id"}, "method": "shutdown"})
    assert ready.response(None)["error"]["code"] == INVALID_REQUEST
    ready.send({"jsonrpc": "2.0", "id": 8, "method": 42})
    assert ready.response(8)["error"]["code"] == INVALID_REQUEST
    ready.request(9, "no/such/method", {})
    assert ready.response(9)["error"]["code"] == METHOD_NOT_FOUND
    ready.request(10, "textDocument/hover", {"position": "nowhere"})
    assert ready.response(10)["error"]["code"] == INVALID_PARAMS
    # Headers without a length, and a response to a request the server never sent.
    ready.write(b"X-Nonsense: 1\r\n\r\n")
    ready.send({"jsonrpc": "2.0", "id": "never-sent", "result": None})
    ready.notify("textDocument/didChange", {"textDocument": "wrong"})
    ready.notify("$/unknownNotification", {})
    ready.request(11, "shutdown")
    assert ready.response(11) == {"jsonrpc": "2.0", "id": 11, "result": None}


def test_requests_before_initialize_and_after_shutdown(server: RawServer, tmp_path: Path) -> None:
    server.request(1, "mp-lsp/documentText", {"textDocument": {"uri": "file:///x.py"}})
    assert server.response(1)["error"]["code"] == SERVER_NOT_INITIALIZED
    server.notify("textDocument/didOpen", {"textDocument": "dropped before initialize"})
    assert "result" in server.initialize(tmp_path)
    server.request(2, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert server.response(2)["error"]["code"] == INVALID_REQUEST
    server.request(3, "shutdown")
    assert server.response(3)["result"] is None
    server.request(4, "mp-lsp/documentText", {"textDocument": {"uri": "file:///x.py"}})
    assert server.response(4)["error"]["code"] == INVALID_REQUEST
    server.request(5, "shutdown")
    assert server.response(5)["error"]["code"] == INVALID_REQUEST
    server.notify("exit")
    assert server.wait() == 0


def test_exit_without_shutdown_is_code_1(ready: RawServer) -> None:
    ready.notify("exit")
    assert ready.wait() == 1


def test_shutdown_then_exit_is_code_0_and_quick(ready: RawServer, tmp_path: Path) -> None:
    _open(ready, tmp_path / "main.py", LAMBDA_PROGRAM)
    ready.request(1, "shutdown")
    ready.response(1)
    started = time.monotonic()
    ready.notify("exit")
    assert ready.wait() == 0
    assert time.monotonic() - started < 2


def test_the_server_exits_when_stdin_closes(ready: RawServer) -> None:
    ready.close_stdin()
    assert ready.wait() == 1


def test_the_server_exits_when_the_client_process_dies(server: RawServer, tmp_path: Path) -> None:
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        server.initialize(tmp_path, process_id=editor.pid)
        time.sleep(0.5)
        assert server.process.poll() is None
        editor.kill()
        editor.wait()
        # Stdin stays open: only the process id tells the server that its client is gone.
        assert server.wait(timeout=10) == 1
    finally:
        editor.kill()


def test_client_process_id_flag_is_watched_too(tmp_path: Path) -> None:
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    server = RawServer("--stdio", f"--clientProcessId={editor.pid}")
    try:
        server.initialize(tmp_path)
        editor.kill()
        editor.wait()
        assert server.wait(timeout=10) == 1
    finally:
        editor.kill()
        server.kill()


def test_a_huge_content_length_is_refused_without_allocating(server: RawServer) -> None:
    server.write(b"Content-Length: 100000000000000\r\n\r\n{")
    time.sleep(0.5)
    assert server.process.poll() is None  # still alive, skipping what it was promised
    assert rss_kib(server.pid) < 200_000
    server.close_stdin()
    assert server.wait() == 1
    assert "refusing a message" in server.stderr
    assert "MemoryError" not in server.stderr and "Traceback" not in server.stderr


def test_an_oversized_message_is_skipped_and_the_next_one_served(ready: RawServer) -> None:
    size = 80 * 1024 * 1024
    before = rss_kib(ready.pid)
    ready.write(b"Content-Length: %d\r\n\r\n" % size)
    chunk = b" " * (1024 * 1024)
    for _ in range(size // len(chunk)):
        ready.write(chunk)
    ready.request(1, "shutdown")
    assert ready.response(1)["result"] is None
    assert rss_kib(ready.pid) - before < 30_000
    assert "refusing a message of 83886080 bytes" in ready.stderr


def test_documents_the_client_gets_wrong(ready: RawServer, tmp_path: Path) -> None:
    change = {
        "textDocument": {"uri": (tmp_path / "never-opened.py").as_uri(), "version": 2},
        "contentChanges": [{"text": "x = 1\n"}],
    }
    ready.notify("textDocument/didChange", change)
    ready.notify("textDocument/didClose", {"textDocument": {"uri": "file:///never/opened.py"}})
    ready.notify("textDocument/didSave", {"textDocument": {"uri": "untitled:Untitled-1"}})

    uri = _open(ready, tmp_path / "a.py", "abc\n", version=5)

    def edit(version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        ready.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {"range": {"start": _position(*start), "end": _position(*end)}, "text": text}
                ],
            },
        )

    edit(3, (0, 3), (0, 3), "d")  # a version going backwards is still applied
    edit(4, (0, 99), (0, 120), "e")  # past the end of the line: its end
    edit(5, (99, 0), (99, 5), "\nlast")  # past the end of the text: its end
    edit(6, (0, 2), (0, 1), "X")  # end before start: an insertion at the start
    edit(7, (1, 0), (1, 0), "\ud800 lone surrogate ")
    assert _text(ready, 1, uri) == {
        "uri": uri,
        "version": 7,
        "text": "abXcde\n\ud800 lone surrogate \nlast",
    }
    # Non-file and odd URIs are tracked but not analysed.
    for other in ("untitled:Untitled-1", "not a uri", "file:///%ff%fe.py", ""):
        ready.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": other, "languageId": "python", "version": 1, "text": "x"}},
        )
    assert _text(ready, 2, "untitled:Untitled-1") == {
        "uri": "untitled:Untitled-1",
        "version": 1,
        "text": "x",
    }
    assert _text(ready, 3, "file:///unknown.py") is None
    # A Python file made only of a lone surrogate and a form feed is analysed without harm.
    weird = _open(ready, tmp_path / "weird.py", "import multiprocessing\n\x0c\ud800\n")
    ready.notification("textDocument/publishDiagnostics", lambda params: params["uri"] == weird)
    assert _text(ready, 4, weird) is not None
    ready.request(5, "shutdown")
    assert ready.response(5)["result"] is None


def test_tcp_mode(tmp_path: Path) -> None:
    import socket

    process = subprocess.Popen(
        [sys.executable, "-m", "mp_lsp", "serve", "--tcp", "127.0.0.1:0"],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline().decode()
        port = int(line.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            body = b'{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": '
            body += b'{"processId": null, "rootUri": null, "capabilities": {}}}'
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            answer = b""
            while b'"capabilities"' not in answer:
                data = connection.recv(65536)
                assert data, "the connection closed"
                answer += data
        assert process.wait(10) == 1  # the client left without shutdown
    finally:
        process.kill()
        process.wait()
