"""Source text as Python reads it: one place for line breaks and decoding.

Every step that turns bytes into text or text into lines must agree with the interpreter and
with each other, or positions drift between the engine, the fixes and the editor: ``ast``
counts only ``\\r\\n``, ``\\r`` and ``\\n`` as line breaks (``str.splitlines`` also breaks at
``\\f``, ``\\v``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028`` and ``\\u2029``), and the file's
encoding is a BOM, else a PEP 263 cookie, else UTF-8.
"""

from __future__ import annotations

import io
import re
import tokenize

#: Python's own line breaks (the tokenizer's), and nothing else.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their breaks, as ``ast`` numbers them (1-based = index+1)."""
    return LINE_BREAK.split(text)


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def decode_source(data: bytes) -> str:
    """Decode a Python file as the interpreter would: BOM, then PEP 263 cookie, else UTF-8.

    Raises ``SyntaxError`` (bad cookie), ``LookupError`` (unknown codec) or
    ``UnicodeDecodeError``: for the file the user asked to check, that is worth a message.
    """
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def decode_lenient(data: bytes) -> str:
    """Decode another file that inference reads (an imported module): never raises.

    Its encoding is read as for :func:`decode_source`; undecodable bytes become U+FFFD, so a
    module with one bad byte still yields its definitions.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding, errors="replace")
    except (SyntaxError, LookupError):
        return data.decode("utf-8-sig", errors="replace")


def read_lenient(path: str) -> str:
    """The text of a file for inference, or ``""`` when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return decode_lenient(handle.read())
    except OSError:
        return ""
