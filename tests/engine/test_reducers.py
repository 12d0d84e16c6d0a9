"""Registered reducers: how deep the sender's imports are searched, and when they are."""

from __future__ import annotations

import pytest

from mp_lsp.engine import checker

from .conftest import Check, codes

SENDS_A_FILE = """
from concurrent.futures import ProcessPoolExecutor
import level1


def head(fh):
    return fh.readline()


if __name__ == "__main__":
    with ProcessPoolExecutor() as ex:
        ex.submit(head, open("data.txt"))
"""
REGISTERS = """
import copyreg
import io

copyreg.pickle(io.TextIOWrapper, lambda f: (open, (f.name, f.mode)))
"""


def chain(depth: int) -> dict[str, str]:
    """``level1`` imports ``level2``... and ``level{depth}`` registers a reducer for files."""
    modules = {f"level{n}": f"import level{n + 1}\n" for n in range(1, depth)}
    modules[f"level{depth}"] = REGISTERS
    return modules


def test_a_registration_counts_three_imports_deep_and_no_deeper(check: Check) -> None:
    """The last level of the search is parsed only when its text may register a reducer:
    a registration there still counts, one level further it does not (the search's bound)."""
    assert [code for code, _ in codes(check(SENDS_A_FILE, **chain(3)))] == []
    assert [code for code, _ in codes(check(SENDS_A_FILE, **chain(4)))] == ["MP006"]


def test_registrations_are_looked_up_only_for_a_verdict_that_depends_on_them(
    check: Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sending a module-level function needs no registration; an open file does."""
    lookups: list[str] = []
    lookup = checker.registered_reducers

    def counted(module: object, inferencer: object) -> object:
        lookups.append(getattr(module, "path", ""))
        return lookup(module, inferencer)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "registered_reducers", counted)
    sends_a_function = SENDS_A_FILE.replace('open("data.txt")', "3")
    assert codes(check(sends_a_function, **chain(1))) == []
    assert lookups == []
    assert codes(check(SENDS_A_FILE, **chain(1))) == []
    assert len(lookups) == 1
