"""The one place that touches pygls' private or undocumented state.

mp-lsp answers the messages pygls drops (:mod:`mp_lsp.server.protocol`) and ends its own
message loop (:mod:`mp_lsp.server.connection`). Both need state pygls keeps to itself: whether
``shutdown`` was received, the bookkeeping of the requests sent to the client, the raw send,
and the registered handlers. Every such access is a function here and is listed, with the
reason for it, in :data:`PRIVATE_ACCESSES`; every builtin handler the protocol replaces is
listed in :data:`OVERRIDDEN_BUILTINS`. ``tests/server/test_pygls_adapter.py`` checks each entry
against the installed pygls (the version pyproject.toml pins), so an upgrade that renames or
retypes one fails that test by name instead of breaking a session at run time.

All other server modules use these functions or pygls' public API only.
"""

from __future__ import annotations

import operator
from collections.abc import Generator
from concurrent.futures import Future
from dataclasses import dataclass
from types import MethodType
from typing import Any, Callable, Optional

from lsprotocol import types
from pygls.protocol import JsonRPCProtocol
from pygls.protocol.json_rpc import MsgId


@dataclass(frozen=True)
class PrivateAccess:
    """One attribute of a pygls protocol object that pygls does not document."""

    #: The dotted path from a ``JsonRPCProtocol`` instance.
    path: str
    #: What the attribute must be on an instance for the functions here to work.
    kind: type
    why: str

    def resolve(self, protocol: JsonRPCProtocol) -> Any:
        """The attribute's value on ``protocol`` (raises ``AttributeError`` if it is gone)."""
        return operator.attrgetter(self.path)(protocol)


PRIVATE_ACCESSES: tuple[PrivateAccess, ...] = (
    PrivateAccess(
        "_shutdown",
        bool,
        "set by pygls' shutdown handler; the only record of whether shutdown came, which "
        "decides how requests are answered afterwards and the exit code",
    ),
    PrivateAccess(
        "_result_types",
        dict,
        "the result type of each request sent to the client, by id; popped when the response "
        "is structured here instead of in pygls' structure_message",
    ),
    PrivateAccess(
        "_request_futures",
        dict,
        "the futures waiting for the client's responses, by id; an unreadable response fails "
        "its future instead of leaving the awaiting handler hanging",
    ),
    PrivateAccess(
        "_send_data",
        MethodType,
        "pygls' only raw send; error responses with a null id are sent as plain JSON "
        "because lsprotocol's converter omits an id of null",
    ),
    PrivateAccess(
        "fm.features",
        dict,
        "the handlers registered with @server.feature, by method: whether a method is served "
        "(InvalidParams versus MethodNotFound), and the handler a replaced builtin calls",
    ),
    PrivateAccess(
        "fm.builtin_features",
        dict,
        "pygls' own handlers (initialize, shutdown, exit...), by method: whether a method is "
        "served",
    ),
)

#: The builtin handlers of ``LanguageServerProtocol`` that ``MpLspProtocol`` replaces, by
#: attribute name, with the method each is registered for. pygls registers builtins by the
#: ``method_name`` its ``lsp_method`` decorator sets, in ``dir()`` order, so a replacement
#: takes effect only under the very name pygls uses.
OVERRIDDEN_BUILTINS: dict[str, str] = {
    # pygls calls sys.exit inside the message loop, where the exit code is lost.
    "lsp_exit": types.EXIT,
    # pygls' document store raises on unknown documents and mis-splits lines; the server
    # keeps its own documents (mp_lsp.server.documents).
    "lsp_text_document__did_open": types.TEXT_DOCUMENT_DID_OPEN,
    "lsp_text_document__did_change": types.TEXT_DOCUMENT_DID_CHANGE,
    "lsp_text_document__did_close": types.TEXT_DOCUMENT_DID_CLOSE,
}

#: What a builtin handler yields to have pygls run another handler: the handler, its
#: positional and its keyword arguments (pygls' ``_run_generator`` convention).
HandlerCall = tuple[Callable[..., Any], tuple[Any, ...], Optional[dict[str, Any]]]


def is_shut_down(protocol: JsonRPCProtocol) -> bool:
    """Whether the client sent ``shutdown``."""
    return bool(protocol._shutdown)


def pop_result_type(protocol: JsonRPCProtocol, msg_id: MsgId) -> Optional[type[Any]]:
    """The type of the response to our request ``msg_id``, forgotten from now on."""
    result_type: Optional[type[Any]] = protocol._result_types.pop(msg_id, None)
    return result_type


def fail_request(protocol: JsonRPCProtocol, msg_id: MsgId, error: Exception) -> None:
    """Fail the request ``msg_id`` we sent, with ``error``, if anything still waits for it."""
    future: Optional[Future[Any]] = protocol._request_futures.pop(msg_id, None)
    if future is not None and not future.done():
        future.set_exception(error)


def send_raw(protocol: JsonRPCProtocol, message: dict[str, Any]) -> None:
    """Send ``message`` as it is: JSON-encoded and framed, not through the converter."""
    protocol._send_data(message)


def user_handler(protocol: JsonRPCProtocol, method: str) -> Optional[Callable[..., Any]]:
    """The handler registered with ``@server.feature`` for ``method``, if any."""
    handler: Optional[Callable[..., Any]] = protocol.fm.features.get(method)
    return handler


def serves_method(protocol: JsonRPCProtocol, method: str) -> bool:
    """Whether ``method`` has a handler, the server's or pygls' own."""
    return method in protocol.fm.features or method in protocol.fm.builtin_features


def call_user_handler(
    protocol: JsonRPCProtocol, method: str, args: tuple[Any, ...]
) -> Generator[HandlerCall, Any, None]:
    """For a replaced builtin handler: have pygls run the server's handler of ``method``.

    ``yield from`` this inside an ``@lsp_method`` generator, as pygls' own builtins do.
    """
    handler = user_handler(protocol, method)
    if handler is not None:
        yield handler, args, None
