"""The rule registry: one module per rule, its docs page generated from it, its fixes known."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import mp_lsp.engine.rules as rules_package
from mp_lsp.engine.rules import RULES
from mp_lsp.engine.rules.docs import DOCS, page, pages
from mp_lsp.fixes import FIXES

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead",
            "## Fix safety", "## Start methods", "## References")


def test_every_rule_module_is_registered() -> None:
    modules = [
        importlib.import_module(f"mp_lsp.engine.rules.{info.name}")
        for info in pkgutil.iter_modules(rules_package.__path__)
        if info.name.startswith("mp")
    ]
    assert sorted(m.RULE.code for m in modules) == list(RULES)
    for module in modules:
        assert module.__name__.rsplit(".", 1)[1].startswith(module.RULE.code.lower())


@pytest.mark.parametrize("code", list(RULES))
def test_page_has_the_sections_in_order(code: str) -> None:
    doc = page(RULES[code])
    positions = [doc.find(f"\n{section}\n") for section in SECTIONS]
    assert all(p >= 0 for p in positions), [s for s, p in zip(SECTIONS, positions) if p < 0]
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", sorted(pages()))
def test_generated_docs_are_up_to_date(name: str) -> None:
    on_disk = (DOCS / name).read_text(encoding="utf-8")
    assert on_disk == pages()[name], (
        f"docs/rules/{name} differs from its rule: run `python -m mp_lsp.engine.rules.docs`"
    )


def test_no_page_without_a_rule() -> None:
    assert {p.name for p in DOCS.glob("*.md")} == set(pages())


def test_rules_name_only_known_fixes_and_every_fix_has_a_rule() -> None:
    named = [name for rule in RULES.values() for name in rule.fixes]
    assert set(named) <= FIXES.keys()
    assert FIXES.keys() <= set(named)
