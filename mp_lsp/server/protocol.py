"""JSON-RPC as the specification says, where pygls 2 is lenient or silent.

pygls parses a message inside ``json.loads``' object hook and, when the parameters fail
validation, logs the error and drops the message: the client waits forever for an answer. It
also drops requests that arrive after ``shutdown`` without answering them, accepts requests
before ``initialize``, and ends ``exit`` with ``sys.exit`` from inside the message loop, where
the server's own ``except SystemExit`` swallows the exit code. This subclass receives whole
message bodies from :mod:`mp_lsp.server.connection`'s reader and answers every request it
cannot serve:

- a body that is not JSON: ``ParseError`` (-32700) with a ``null`` id;
- not a JSON-RPC 2.0 object, or an id that is neither an integer nor a string:
  ``InvalidRequest`` (-32600);
- parameters that fail validation: ``InvalidParams`` (-32602), naming the offending field, for a
  method the server serves (``MethodNotFound`` for any other);
- a request before ``initialize``: ``ServerNotInitialized`` (-32002); after ``shutdown``, or a
  second ``initialize``: ``InvalidRequest``.

Notifications cannot be answered, so invalid ones are logged; before ``initialize`` and after
``shutdown`` they are dropped, except ``exit``, which ends the server with code 0 after a
``shutdown`` and 1 without one.

What this needs of pygls' private state (whether ``shutdown`` came, the requests in flight, the
raw send, the registered handlers) goes through :mod:`mp_lsp.server.pygls_adapter`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import cattrs
from lsprotocol import types
from pygls.protocol import (
    JsonRPCNotification,
    JsonRPCRequestMessage,
    JsonRPCResponseMessage,
    LanguageServerProtocol,
    lsp_method,
)
from pygls.protocol.json_rpc import MsgId

from mp_lsp.server import pygls_adapter
from mp_lsp.server.messages import CUSTOM_MESSAGE_TYPES

if TYPE_CHECKING:
    from mp_lsp.server.server import MpLanguageServer

logger = logging.getLogger(__name__)


def _leaf_errors(error: BaseException) -> list[BaseException]:
    nested = getattr(error, "exceptions", None)
    if not nested:
        return [error]
    return [leaf for child in nested for leaf in _leaf_errors(child)]


def describe_validation_error(error: Exception) -> str:
    """A one-line account of why a message could not be read, with the failing fields."""
    if isinstance(error, cattrs.BaseValidationError):
        where = cattrs.transform_error(error)
        why = [str(leaf) for leaf in _leaf_errors(error) if isinstance(leaf, ValueError)]
        return "; ".join(dict.fromkeys([*where, *why]))
    return f"{type(error).__name__}: {error}"


class InvalidMessage(Exception):
    """A message whose fields do not fit its method's type; the text says which and why."""


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


class MpLspProtocol(LanguageServerProtocol):
    """The LSP protocol with strict, always-answered JSON-RPC handling (see the module doc)."""

    def __init__(self, server: MpLanguageServer, converter: cattrs.Converter) -> None:
        super().__init__(server, converter)
        # Our own references to what pygls keeps privately as ``_server`` and ``_converter``.
        self.server = server
        self.converter = converter
        self._initialize_received = False

    # -- receiving ---------------------------------------------------------------------------
    def receive(self, body: bytes) -> None:
        """Parse and dispatch one message body (called on the message loop)."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as error:  # includes UnicodeDecodeError
            self._reply_error(None, types.ErrorCodes.ParseError, f"not valid JSON: {error}")
            return
        if not isinstance(data, dict):
            self._reply_error(None, types.ErrorCodes.InvalidRequest, "not a JSON object")
            return
        if "method" not in data and ("result" in data or "error" in data):
            self._receive_response(data)
            return
        msg_id = data.get("id")
        method = data.get("method")
        if data.get("jsonrpc") != self.VERSION or not isinstance(method, str):
            self._reply_error(
                msg_id if _valid_id(msg_id) else None,
                types.ErrorCodes.InvalidRequest,
                'not a JSON-RPC 2.0 request (an object with "jsonrpc": "2.0" and a "method")',
            )
        elif "id" not in data:
            self._receive_notification(method, data)
        elif not _valid_id(msg_id):
            self._reply_error(
                None, types.ErrorCodes.InvalidRequest, '"id" must be an integer or a string'
            )
        else:
            self._receive_request(msg_id, method, data)

    def _structure(self, data: dict[str, Any], message_type: type[Any]) -> Any:
        """The typed message for ``data``; raises :class:`InvalidMessage` when it does not fit.

        This replaces pygls' ``structure_message``, which logs a traceback for every invalid
        message and turns it into an exception nobody answers.
        """
        try:
            return self.converter.structure(data, message_type)
        except Exception as error:
            raise InvalidMessage(describe_validation_error(error)) from error

    def _message_type(self, method: str, fallback: type[Any]) -> type[Any]:
        """lsprotocol's type of a method's messages, or the server's own, or ``fallback``."""
        return CUSTOM_MESSAGE_TYPES.get(method) or self.get_message_type(method) or fallback

    def _receive_request(self, msg_id: Any, method: str, data: dict[str, Any]) -> None:
        if pygls_adapter.is_shut_down(self):
            self._reply_error(
                msg_id, types.ErrorCodes.InvalidRequest, f"the server is shut down ({method})"
            )
            return
        if method == types.INITIALIZE and self._initialize_received:
            self._reply_error(
                msg_id, types.ErrorCodes.InvalidRequest, "the server is already initialized"
            )
            return
        if method != types.INITIALIZE and not self._initialize_received:
            self._reply_error(
                msg_id,
                types.ErrorCodes.ServerNotInitialized,
                f"the server is not initialized yet ({method})",
            )
            return
        data.setdefault("params", None)
        try:
            message = self._structure(data, self._message_type(method, JsonRPCRequestMessage))
        except InvalidMessage as error:
            if pygls_adapter.serves_method(self, method):
                self._reply_error(
                    msg_id, types.ErrorCodes.InvalidParams, f"invalid params for {method}: {error}"
                )
            else:
                self._reply_error(
                    msg_id, types.ErrorCodes.MethodNotFound, f"method not found: {method}"
                )
            return
        if method == types.INITIALIZE:
            self._initialize_received = True
        self.handle_message(message)

    def _receive_notification(self, method: str, data: dict[str, Any]) -> None:
        if method != types.EXIT and (
            pygls_adapter.is_shut_down(self) or not self._initialize_received
        ):
            logger.info("dropping %s: the server is %s", method, self._state)
            return
        data.setdefault("params", None)
        try:
            message = self._structure(data, self._message_type(method, JsonRPCNotification))
        except InvalidMessage as error:
            self.server.log_warning(f"ignoring {method} with invalid params: {error}")
            return
        self.handle_message(message)

    def _receive_response(self, data: dict[str, Any]) -> None:
        if not _valid_id(data.get("id")):
            self.server.log_warning(f"ignoring a response without a valid id: {data!r:.200}")
            return
        msg_id: MsgId = data["id"]
        if "error" in data:
            response_type: type[Any] = types.ResponseErrorMessage
        else:
            response_type = pygls_adapter.pop_result_type(self, msg_id) or JsonRPCResponseMessage
        try:
            message = self._structure(data, response_type)
        except InvalidMessage as error:
            # Fail the request that waits for this answer rather than leave it hanging.
            pygls_adapter.fail_request(self, msg_id, error)
            self.server.log_warning(f"unreadable response from the client: {error}")
            return
        self.handle_message(message)

    @property
    def _state(self) -> str:
        return "shut down" if pygls_adapter.is_shut_down(self) else "not initialized yet"

    def _reply_error(self, msg_id: Any, code: types.ErrorCodes, message: str) -> None:
        """Send an error response; sent as plain JSON because lsprotocol's converter omits an
        ``id`` of ``null``, which JSON-RPC requires when the id could not be read."""
        logger.info("answering %r with error %s: %s", msg_id, code.name, message)
        error = {"code": code.value, "message": message}
        pygls_adapter.send_raw(self, {"jsonrpc": self.VERSION, "id": msg_id, "error": error})

    # -- replaced builtins (listed in pygls_adapter.OVERRIDDEN_BUILTINS) ----------------------
    @lsp_method(types.EXIT)
    def lsp_exit(self, *args: Any) -> Generator[Any, Any, None]:
        """End the message loop: code 0 after ``shutdown``, 1 without (as LSP requires).

        pygls calls ``sys.exit`` here, from inside the loop, where the exit code is lost.
        """
        yield from pygls_adapter.call_user_handler(self, types.EXIT, args)
        self.server.connection.stop(0 if pygls_adapter.is_shut_down(self) else 1)

    # The text-synchronisation notifications skip pygls' document store (which raises on an
    # unknown document and mis-splits lines); the server keeps its own documents.
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from pygls_adapter.call_user_handler(self, types.TEXT_DOCUMENT_DID_OPEN, (params,))

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from pygls_adapter.call_user_handler(self, types.TEXT_DOCUMENT_DID_CHANGE, (params,))

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield from pygls_adapter.call_user_handler(self, types.TEXT_DOCUMENT_DID_CLOSE, (params,))
