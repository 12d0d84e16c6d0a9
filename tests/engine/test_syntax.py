"""Positions: ast's lines and byte columns against the characters users and editors count."""

from __future__ import annotations

from mp_lsp.engine.syntax import ModuleSyntax, mangled


def test_lines_break_where_python_breaks_them() -> None:
    module = ModuleSyntax("x.py", "a = 1\x0c\nb = '\u2028'\r\nc = 3\rd = 4\n")
    assert module.line_text(3) == "c = 3"
    assert module.line_text(4) == "d = 4"


def test_columns_count_code_points_not_bytes() -> None:
    module = ModuleSyntax("x.py", "s = 'é😀'; f(s)\n")
    call = module.tree.body[1].value  # type: ignore[attr-defined]
    assert module.span(call).column == len("s = 'é😀'; ")


def test_the_calls_of_a_name_in_walk_order() -> None:
    module = ModuleSyntax("x.py", "f(1)\nx.f(2)\ng().f(3)\nh(f(4))\nsubmit(f, 5)\nf\n")
    calls = module.calls_named("f")
    assert [c.args[-1].value for c in calls] == [1, 2, 3, 4]  # type: ignore[attr-defined]
    both = module.calls_named("f", "submit")
    assert [c.args[-1].value for c in both] == [1, 2, 3, 5, 4]  # type: ignore[attr-defined]


def test_mangled_names() -> None:
    assert mangled("MetricsCollector", "__Sample") == "_MetricsCollector__Sample"
    assert mangled("_Private", "__x") == "_Private__x"
    assert mangled("Owner", "__init__") == "__init__"
    assert mangled("Owner", "_single") == "_single"
    assert mangled("__", "__x") == "__x"
