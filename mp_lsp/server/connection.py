"""The link to one client: the message loop, the reader thread, and when the session ends.

pygls' own ``start_io`` reads through a buffered file on a thread-pool thread and ends with
``sys.exit`` from inside the loop; here a daemon thread reads framed bodies
(:mod:`mp_lsp.server.transport`) and hands each to the loop, and the loop runs until an exit
code is set. The code is 0 after ``shutdown`` and ``exit``, 1 when the client leaves without
them: ``exit`` alone, the end of its stream, a broken pipe, or the death of its process (which
:mod:`mp_lsp.server.watchdog` notices even when a grandchild keeps the stream open).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable
from typing import Any, Callable, Optional

from mp_lsp.server import pygls_adapter
from mp_lsp.server.protocol import MpLspProtocol
from mp_lsp.server.transport import Connection, FrameReader, FrameWriter
from mp_lsp.server.watchdog import watch_processes

logger = logging.getLogger(__name__)

#: Exit code when the client disappears without ``shutdown``/``exit``.
EXIT_CLIENT_GONE = 1


class ClientConnection:
    """Runs the message loop for one client and decides the exit code.

    ``warn`` receives the reader's complaints about the stream (on the loop).
    """

    def __init__(
        self,
        protocol: MpLspProtocol,
        warn: Callable[[str], None],
        client_pids: Iterable[int] = (),
    ) -> None:
        self._protocol = protocol
        self._warn = warn
        self._client_pids = sorted(set(client_pids))
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._exit_code: Optional[asyncio.Future[int]] = None
        self._watchdog: Optional[asyncio.Task[None]] = None

    async def run(self, stream: Connection) -> int:
        """Serve the client at the other end of ``stream`` until the session ends; the exit
        code."""
        self._loop = asyncio.get_running_loop()
        self._exit_code = self._loop.create_future()
        self._protocol.set_writer(FrameWriter(stream, on_broken=self._on_broken_pipe))
        reader = FrameReader(stream.read, log=self._log_from_reader)
        threading.Thread(
            target=self._read_messages, args=(reader,), name="mp-lsp-reader", daemon=True
        ).start()
        if self._client_pids:
            self._restart_watchdog()
        try:
            return await self._exit_code
        finally:
            if self._watchdog is not None:
                self._watchdog.cancel()

    def _read_messages(self, reader: FrameReader) -> None:
        """The reader thread: blocks on the stream so the message loop never does."""
        while True:
            body = reader.next_body()
            if body is None:
                self.call_from_thread(self._on_end_of_stream)
                return
            if not self.call_from_thread(self._protocol.receive, body):
                return

    def call_from_thread(self, function: Callable[..., Any], *args: Any) -> bool:
        """Run ``function(*args)`` on the message loop (from any thread); false once the loop
        has closed, when the server is exiting anyway."""
        loop = self._loop
        if loop is None:
            return False
        try:
            loop.call_soon_threadsafe(function, *args)
        except RuntimeError:
            return False
        return True

    def stop(self, code: int) -> None:
        """End :meth:`run` with exit code ``code`` (the first call wins)."""
        if self._exit_code is not None and not self._exit_code.done():
            self._exit_code.set_result(code)

    def watch_client(self, pids: Iterable[int]) -> None:
        """Exit when one of ``pids`` or of the processes watched so far (the editor) dies, even
        if it left the stream open."""
        self._client_pids = sorted({*self._client_pids, *pids})
        self._restart_watchdog()

    def _restart_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
        self._watchdog = asyncio.ensure_future(
            watch_processes(self._client_pids, self._on_client_gone)
        )

    def _on_end_of_stream(self) -> None:
        logger.info("the client closed the connection")
        self.stop(0 if pygls_adapter.is_shut_down(self._protocol) else EXIT_CLIENT_GONE)

    def _on_broken_pipe(self) -> None:
        self.call_from_thread(self.stop, EXIT_CLIENT_GONE)

    def _log_from_reader(self, message: str) -> None:
        self.call_from_thread(self._warn, message)

    def _on_client_gone(self, pid: int) -> None:
        logger.warning("the client process %d is gone; exiting", pid)
        self.stop(EXIT_CLIENT_GONE)
