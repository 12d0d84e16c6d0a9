"""Columns in code points (the engine's) versus columns in the client's code units (LSP's).

The engine counts columns in code points, LSP clients count them in UTF-16 code units by
default (or UTF-8/UTF-32 when negotiated), and an emoji is one code point but two UTF-16 units.
Getting this wrong shifts every range after the first astral character on a line, and, worse,
applies incremental edits at the wrong place so that the server's copy of a document silently
drifts from the editor's.

Lines are split as LSP splits them (``\\r\\n``, ``\\r`` and ``\\n``, which is also what Python's
tokenizer does), never with :meth:`str.splitlines`, which also breaks at form feeds and
``\\u2028`` and would put every later line number out of step with the editor.

Lone surrogates (possible in JSON strings) are counted as one UTF-16 unit, as a JavaScript
client counts them, instead of raising :class:`UnicodeEncodeError`.
"""

from __future__ import annotations

from typing import Union

from lsprotocol.types import PositionEncodingKind

from mp_lsp.engine.text import line_starts

#: The encodings :class:`pygls.capabilities.ServerCapabilitiesBuilder` may negotiate.
Encoding = Union[PositionEncodingKind, str]

def _units(text: str, encoding: Encoding) -> int:
    """The length of ``text`` in the client's code units."""
    if encoding == PositionEncodingKind.Utf32 or text.isascii():
        return len(text)
    if encoding == PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _char_units(char: str, encoding: Encoding) -> int:
    code = ord(char)
    if encoding == PositionEncodingKind.Utf32 or code < 0x80:
        return 1
    if encoding == PositionEncodingKind.Utf8:
        return 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 2 if code > 0xFFFF else 1


def column_to_units(line: str, column: int, encoding: Encoding) -> int:
    """Convert a code-point column of ``line`` to client units (clamped to the line)."""
    return _units(line[: max(column, 0)], encoding)


def units_to_column(line: str, units: int, encoding: Encoding) -> int:
    """Convert a client-unit column of ``line`` to a code-point column.

    A column past the end means the end of the line (as the LSP specification says); a column
    inside a character (half of a surrogate pair) is moved to that character's start.
    """
    if units <= 0:
        return 0
    if encoding == PositionEncodingKind.Utf32 or line.isascii():
        return min(units, len(line))
    counted = 0
    for index, char in enumerate(line):
        counted += _char_units(char, encoding)
        if counted > units:
            return index
    return len(line)


class LineIndex:
    """Where each line of a text starts, so that positions convert without rescanning it.

    Built once per document version: building is one regular-expression scan, after which
    finding a line is a list lookup, which matters for 50,000-line files.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = line_starts(text)

    def line(self, number: int) -> str:
        """The text of 0-based line ``number`` without its line break ('' past the end)."""
        if not 0 <= number < len(self._starts):
            return ""
        start = self._starts[number]
        end = self._starts[number + 1] if number + 1 < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def offset(self, line: int, column: int) -> int:
        """The index into the text of a code-point position, clamped to the text."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        return self._starts[line] + min(max(column, 0), len(self.line(line)))

    def offset_of_units(self, line: int, units: int, encoding: Encoding) -> int:
        """The index into the text of a client position (line and client units).

        A line past the end means the end of the text, a column past the end of its line the
        end of that line: clients send such positions and they must never raise.
        """
        if line >= len(self._starts):
            return len(self.text)
        return self.offset(line, units_to_column(self.line(line), units, encoding))

    def to_units(self, line: int, column: int, encoding: Encoding) -> tuple[int, int]:
        """A code-point position (0-based line) as an LSP position in client units.

        A line past the end maps to the end of the text, so that a range the engine computed
        on a slightly different text still points somewhere valid.
        """
        if line >= len(self._starts):
            last = len(self._starts) - 1
            return last, _units(self.line(last), encoding)
        line = max(line, 0)
        return line, column_to_units(self.line(line), column, encoding)
