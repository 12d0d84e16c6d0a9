"""Positions: ast's lines and byte columns against the characters users and editors count."""

from __future__ import annotations

from mp_lsp.engine.syntax import ModuleSyntax


def test_lines_break_where_python_breaks_them() -> None:
    module = ModuleSyntax("x.py", "a = 1\x0c\nb = '\u2028'\r\nc = 3\rd = 4\n")
    assert module.line_text(3) == "c = 3"
    assert module.line_text(4) == "d = 4"


def test_columns_count_code_points_not_bytes() -> None:
    module = ModuleSyntax("x.py", "s = 'é😀'; f(s)\n")
    call = module.tree.body[1].value  # type: ignore[attr-defined]
    assert module.span(call).column == len("s = 'é😀'; ")
