"""Helpers for driving ``mp-lsp serve`` in a subprocess: through pytest-lsp, or byte by byte.

The pytest-lsp client is used wherever a well-behaved client is the point; :class:`RawServer`
writes exact bytes for what a well-behaved client never sends (broken JSON, huge headers,
``exit`` without ``shutdown``) and reads the answers back with timeouts, so a hang fails a test
instead of stalling the suite.
"""

from __future__ import annotations

import asyncio
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, Callable, Optional

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER_COMMAND = [sys.executable, "-m", "mp_lsp", "serve"]

LAMBDA_PROGRAM = """\
import multiprocessing


def main():
    with multiprocessing.Pool() as pool:
        pool.map(lambda x: x, [1])


if __name__ == "__main__":
    main()
"""

FIXED_PROGRAM = LAMBDA_PROGRAM.replace("lambda x: x", "abs")


class RecordingClient(LanguageClient):
    """A pytest-lsp client that keeps every ``publishDiagnostics`` in order (with versions)."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.traces: list[types.LogTraceParams] = []
        self.registrations: list[types.Registration] = []


def make_recording_client() -> RecordingClient:
    client = RecordingClient()
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    def log_trace(client: RecordingClient, params: types.LogTraceParams) -> None:
        client.traces.append(params)

    def register_capability(client: RecordingClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.LOG_TRACE] = log_trace
    features[types.CLIENT_REGISTER_CAPABILITY] = register_capability
    register_lsp_features(client, features)
    return client


def vscode_capabilities() -> types.ClientCapabilities:
    """A real client's capabilities (VS Code's, as pytest-lsp records them)."""
    return client_capabilities("visual-studio-code")


async def initialize(
    client: LanguageClient,
    root: Path,
    *,
    capabilities: Optional[types.ClientCapabilities] = None,
    options: Any = None,
) -> types.InitializeResult:
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities or types.ClientCapabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options=options,
        )
    )


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=version, text=text
            )
        )
    )
    return uri


def change_document(
    client: LanguageClient,
    uri: str,
    version: int,
    changes: list[tuple[tuple[int, int, int, int], str]],
) -> None:
    """Send incremental changes, each ``((start line, start char, end line, end char), text)``."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=start_line, character=start_char),
                        end=types.Position(line=end_line, character=end_char),
                    ),
                    text=text,
                )
                for (start_line, start_char, end_line, end_char), text in changes
            ],
        )
    )


def replace_all(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def wait_until(
    condition: Callable[[], Any], timeout: float = 15.0, what: str = "condition"
) -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.02)


async def diagnostics_for(
    client: RecordingClient,
    uri: str,
    *,
    version: Optional[int] = None,
    since: int = 0,
    predicate: Callable[[list[types.Diagnostic]], bool] = lambda _: True,
    timeout: float = 15.0,
) -> types.PublishDiagnosticsParams:
    """The first diagnostics published for ``uri`` (after index ``since``) that match."""

    def find() -> Optional[types.PublishDiagnosticsParams]:
        for params in client.published[since:]:
            if params.uri != uri or (version is not None and params.version != version):
                continue
            if predicate(list(params.diagnostics)):
                return params
        return None

    found: types.PublishDiagnosticsParams = await wait_until(
        find, timeout, f"diagnostics of {uri} v{version}"
    )
    return found


async def document_text(client: LanguageClient, uri: str, range_: Any = None) -> Any:
    params: dict[str, Any] = {"textDocument": {"uri": uri}}
    if range_ is not None:
        params["range"] = range_
    return await client.protocol.send_request_async(  # type: ignore[no-untyped-call]
        "mp-lsp/documentText", params
    )


async def within(seconds: float, awaitable: Awaitable[Any]) -> Any:
    """``awaitable``'s result, failing the test if it takes longer than ``seconds``."""
    return await asyncio.wait_for(awaitable, seconds)


def rss_kib(pid: int) -> int:
    """The resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS line")


class RawServer:
    """``mp-lsp serve`` over pipes, spoken to in bytes."""

    def __init__(self, *args: str, cwd: Optional[Path] = None) -> None:
        self.process = subprocess.Popen(
            [*SERVER_COMMAND, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self._messages: queue.Queue[Optional[dict[str, Any]]] = queue.Queue()
        self.received: list[dict[str, Any]] = []
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read_stdout(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._messages.put(None)
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line == b"\r\n":
                    break
            assert length is not None, "a message without Content-Length"
            self._messages.put(json.loads(stream.read(length)))

    def _read_stderr(self) -> None:
        stream = self.process.stderr
        assert stream is not None
        for line in stream:
            self._stderr.append(line)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: Any) -> None:
        body = message if isinstance(message, bytes) else json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, msg_id: Any, method: str, params: Any = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def notify(self, method: str, params: Any = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def next_message(self, timeout: float = 10.0) -> Optional[dict[str, Any]]:
        message = self._messages.get(timeout=timeout)
        if message is not None:
            self.received.append(message)
        return message

    def response(self, msg_id: Any, timeout: float = 10.0) -> dict[str, Any]:
        """The response to ``msg_id`` (notifications before it are kept in ``received``)."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.next_message(max(deadline - time.monotonic(), 0.01))
            assert message is not None, f"the server closed its output; stderr:\n{self.stderr}"
            if "method" not in message and message.get("id") == msg_id:
                return message

    def notification(
        self, method: str, predicate: Callable[[Any], bool] = lambda _: True, timeout: float = 10.0
    ) -> dict[str, Any]:
        """The first notification ``method`` (received or to come) whose params match."""
        deadline = time.monotonic() + timeout
        index = 0
        while True:
            for message in self.received[index:]:
                if message.get("method") == method and predicate(message.get("params")):
                    return message
            index = len(self.received)
            arrived = self.next_message(max(deadline - time.monotonic(), 0.01))
            assert arrived is not None, f"the server closed its output; stderr:\n{self.stderr}"

    def initialize(self, root: Path, process_id: Optional[int] = None) -> dict[str, Any]:
        self.request(
            "init",
            "initialize",
            {"processId": process_id, "rootUri": root.as_uri(), "capabilities": {}},
        )
        response = self.response("init")
        self.notify("initialized", {})
        return response

    def close_stdin(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()

    def wait(self, timeout: float = 10.0) -> int:
        return self.process.wait(timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
