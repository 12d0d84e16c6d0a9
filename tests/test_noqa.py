"""``# noqa`` must behave as flake8 and ruff users expect, and never fire from inside a string."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mp_lsp.engine.noqa import is_suppressed


@pytest.mark.parametrize(
    "line",
    [
        "pool.map(lambda x: x, items)  # noqa",
        "pool.map(lambda x: x, items)  # NOQA",
        "pool.map(lambda x: x, items)  #noqa",
        "pool.map(lambda x: x, items)  # noqa: MP001",
        "pool.map(lambda x: x, items)  # noqa:MP001",
        "pool.map(lambda x: x, items)  # noqa : MP001",
        "pool.map(lambda x: x, items)  # noqa: MP004, MP001",
        "pool.map(lambda x: x, items)  # noqa: MP004,MP001",
        "pool.map(lambda x: x, items)  # noqa: MP004 MP001",
        "pool.map(lambda x: x, items)  # noqa: mp001",
        "pool.map(lambda x: x, items)  # noqa: MP001 the lambda is never sent under fork",
        "pool.map(lambda x: x, items)  # type: ignore  # noqa: MP001",
        "pool.map(lambda x: x, items)  # noqa: E501  # noqa: MP001",
        "    b)  # noqa: MP001",  # a continuation line is not valid Python on its own
        "f('#', g(lambda: 1))  # noqa: MP001",
        "x = '''a''' + \"b\"  # noqa",
        "s = 'it\\'s'  # noqa: MP001",
        "s = r'\\'#'  # noqa: MP001",
    ],
)
def test_suppresses_mp001(line: str) -> None:
    assert is_suppressed(line, "MP001")


@pytest.mark.parametrize(
    "line",
    [
        "pool.map(lambda x: x, items)",
        "pool.map(lambda x: x, items)  # noqa: MP004",
        "pool.map(lambda x: x, items)  # noqa: MP0",  # codes match exactly, not as prefixes
        "pool.map(lambda x: x, items)  # noqa: MP0011",
        "pool.map(lambda x: x, items)  # noqanything",
        "pool.map(lambda x: x, items)  # no qa",
        "pool.map(lambda x: x, items)  # not noqa",
        "print('# noqa')",
        'print("# noqa: MP001")',
        "print('''# noqa''')",
        "x = '''unterminated # noqa",
        "s = 'it\\'s # noqa'",
    ],
)
def test_does_not_suppress_mp001(line: str) -> None:
    assert not is_suppressed(line, "MP001")


def test_codes_are_separate() -> None:
    line = "run(job)  # noqa: MP002, MP004"
    assert is_suppressed(line, "MP002")
    assert is_suppressed(line, "MP004")
    assert not is_suppressed(line, "MP003")


def test_colon_without_codes_is_a_blanket_noqa() -> None:
    """As in flake8: the colon alone does not restrict anything."""
    assert is_suppressed("run(job)  # noqa:", "MP003")


@given(st.text())
def test_never_raises(line: str) -> None:
    is_suppressed(line, "MP001")


@given(st.text(alphabet=st.characters(blacklist_characters="'\"#\\\n\r")))
def test_text_without_strings_or_comments_then_noqa(prefix: str) -> None:
    assert is_suppressed(f"{prefix}  # noqa: MP006", "MP006")
