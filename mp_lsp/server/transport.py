"""Bytes in and out: LSP's ``Content-Length`` framing over stdio or a TCP socket.

pygls' own reader passes the header's length straight to ``read(n)``, and CPython's buffered
``read(n)`` allocates ``n`` bytes up front, so a header claiming gigabytes ends the server with
``MemoryError``; it also reads stdin through a buffered file from a thread-pool thread that the
interpreter then cannot shut down. Here the stream is read in bounded chunks with ``os.read``
(or ``socket.recv``) on a daemon thread, a body above :data:`MAX_BODY_BYTES` is skipped chunk by
chunk without being stored, and every other framing error is logged and skipped, so the stream
stays in step whenever the sender's lengths are honest.

On stdio the real stdout is duplicated for the protocol and file descriptor 1 is pointed at
stderr, so that a stray ``print`` (ours, jedi's, a plugin's) cannot corrupt the stream.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Callable, Optional

#: The largest message body the server accepts (a 5 MB file is about 5 MB of JSON).
MAX_BODY_BYTES = 64 * 1024 * 1024
#: The largest header block; real ones are under a hundred bytes.
MAX_HEADER_BYTES = 8 * 1024
_READ_CHUNK = 64 * 1024
_SKIP_CHUNK = 1024 * 1024
#: Digits beyond this cannot be a length below the limit (and ``int()`` of thousands of digits
#: is refused by Python itself).
_MAX_LENGTH_DIGITS = 18


@dataclass(frozen=True)
class Connection:
    """A byte stream to the client: ``read(n)`` returns at most ``n`` bytes, ``b""`` at EOF."""

    read: Callable[[int], bytes]
    write: Callable[[bytes], None]
    close: Callable[[], None]


class FrameReader:
    """Splits the client's byte stream into message bodies."""

    def __init__(self, read: Callable[[int], bytes], log: Callable[[str], None]) -> None:
        self._read = read
        self._log = log
        self._buffer = bytearray()
        self._eof = False

    def _fill(self, size: int = _READ_CHUNK) -> bool:
        """Read more into the buffer; false at the end of the stream."""
        if self._eof:
            return False
        try:
            chunk = self._read(size)
        except OSError:  # a reset connection is the client going away
            chunk = b""
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        return True

    def _headers(self) -> Optional[bytes]:
        """The next header block (without the blank line), or ``None`` at the end."""
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end >= 0:
                headers = bytes(self._buffer[:end])
                del self._buffer[: end + 4]
                return headers
            if len(self._buffer) > MAX_HEADER_BYTES:
                self._log(f"discarding {len(self._buffer)} bytes that are not a message header")
                del self._buffer[:-3]
            if not self._fill():
                return None

    def _content_length(self, headers: bytes) -> Optional[int]:
        for line in headers.split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() != b"content-length":
                continue
            value = value.strip()
            if not value.isdigit():
                break
            if len(value) > _MAX_LENGTH_DIGITS:
                return MAX_BODY_BYTES + 1
            return int(value)
        self._log(f"ignoring a message without a valid Content-Length: {headers[:200]!r}")
        return None

    def _skip(self, length: int) -> bool:
        """Drop ``length`` bytes without keeping them; false if the stream ends first."""
        remaining = length
        while True:
            taken = min(remaining, len(self._buffer))
            del self._buffer[:taken]
            remaining -= taken
            if remaining == 0:
                return True
            if not self._fill(min(remaining, _SKIP_CHUNK)):
                return False

    def _take(self, length: int) -> Optional[bytes]:
        while len(self._buffer) < length:
            if not self._fill(min(max(length - len(self._buffer), _READ_CHUNK), _SKIP_CHUNK)):
                return None
        body = bytes(self._buffer[:length])
        del self._buffer[:length]
        return body

    def next_body(self) -> Optional[bytes]:
        """The next message body, or ``None`` once the stream has ended."""
        while True:
            headers = self._headers()
            if headers is None:
                return None
            length = self._content_length(headers)
            if length is None:
                continue
            if length > MAX_BODY_BYTES:
                self._log(
                    f"refusing a message of {length} bytes (the limit is {MAX_BODY_BYTES}); "
                    "skipping it"
                )
                if not self._skip(length):
                    return None
                continue
            body = self._take(length)
            if body is None:
                return None
            return body


class FrameWriter:
    """Writes framed messages; a failed write means the client is gone."""

    def __init__(self, connection: Connection, on_broken: Callable[[], None]) -> None:
        self._connection = connection
        self._on_broken = on_broken
        self._lock = threading.Lock()
        self._broken = False

    def write(self, data: bytes) -> None:
        with self._lock:
            if self._broken:
                return
            try:
                self._connection.write(data)
            except OSError:
                self._broken = True
        if self._broken:
            self._on_broken()

    def close(self) -> None:
        with self._lock, suppress(OSError):
            self._connection.close()


def stdio_connection() -> Connection:
    """The process's stdin and stdout, with fd 1 redirected to stderr from now on."""
    stdin_fd = sys.stdin.fileno()
    stdout_fd = os.dup(sys.stdout.fileno())
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        msvcrt.setmode(stdin_fd, os.O_BINARY)  # type: ignore[attr-defined]
        msvcrt.setmode(stdout_fd, os.O_BINARY)  # type: ignore[attr-defined]

    def write_all(data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(stdout_fd, view) :]

    return Connection(
        read=lambda size: os.read(stdin_fd, size),
        write=write_all,
        close=lambda: os.close(stdout_fd),
    )


@contextmanager
def tcp_connection(host: str, port: int, announce: Callable[[str], None]) -> Iterator[Connection]:
    """Listen on ``host:port`` and serve the first client that connects (for debugging)."""
    with socket.create_server((host, port)) as listener:
        announce(f"mp-lsp: listening on {host}:{listener.getsockname()[1]}")
        client, _ = listener.accept()
    with client:
        yield Connection(read=client.recv, write=client.sendall, close=client.close)
