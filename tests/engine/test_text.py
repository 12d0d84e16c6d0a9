"""Text handling: one decoding and one line splitting, as the interpreter reads files."""

from __future__ import annotations

import ast

import pytest

from mp_lsp.engine.text import decode_lenient, decode_source, line_starts, split_lines

CASES = [
    (b"x = 1\n", "x = 1\n"),
    (b"\xef\xbb\xbfx = '\xc3\xa9'\n", "x = '\xe9'\n"),
    (b"# coding: latin-1\nx = '\xe9'\n", "# coding: latin-1\nx = '\xe9'\n"),
    (b"x = 1\r\ny = 2\r\n", "x = 1\r\ny = 2\r\n"),
]


@pytest.mark.parametrize(("data", "text"), CASES)
def test_decode_source(data: bytes, text: str) -> None:
    assert decode_source(data) == text


@pytest.mark.parametrize(("data", "text"), CASES)
def test_lenient_decoding_agrees_on_valid_files(data: bytes, text: str) -> None:
    assert decode_lenient(data) == text


@pytest.mark.parametrize(
    "data",
    [b"x = '\xff'\n", b"# coding: no-such-codec\nx = 1\n", b"# coding: utf-8\n\xc3("],
)
def test_lenient_decoding_never_raises(data: bytes) -> None:
    with pytest.raises((SyntaxError, LookupError, UnicodeDecodeError)):
        decode_source(data)
    assert "x" in decode_lenient(data) or "\ufffd" in decode_lenient(data)


def test_lines_break_where_python_breaks_them() -> None:
    # \f, \x1c and \u2028 are not line breaks for the tokenizer (str.splitlines disagrees).
    source = "a = 1\x0c\nb = '\u2028'\rc = 3\r\nd = '\x1c'\n"
    assert split_lines(source) == ["a = 1\x0c", "b = '\u2028'", "c = 3", "d = '\x1c'", ""]
    assert [s.lineno for s in ast.parse(source).body] == [1, 2, 3, 4]
    assert line_starts(source) == [0, 7, 15, 22, 30]
