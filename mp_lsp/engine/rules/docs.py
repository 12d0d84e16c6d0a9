"""Generate ``docs/rules/`` from the rule modules: ``python -m mp_lsp.engine.rules.docs``.

Each page is its rule's module docstring under a title, with the suppression section every rule
shares; the index lists the registry. ``--check`` exits 1 when a page on disk differs from what
its rule says (the test suite runs it), so a page and its rule cannot drift apart.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Optional

from mp_lsp.engine.findings import StartMethod
from mp_lsp.engine.rules import RULES, Rule
from mp_lsp.engine.rules.rule import ALL

DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules"

_INDEX_HEAD = """\
# Rules

Every finding has a stable code. A rule is an **error** when the value fails to cross the
process boundary under every start method, and a **warning** when it fails only under `spawn`
/ `forkserver`, saying where that bites ("fails on macOS and Windows, and on Linux from Python
3.14": `fork` is the Linux default only up to Python 3.13); that is an error too in a project
that targets only macOS or Windows, or Python 3.14+ (`platforms`, `target-version`).

| Code | Name | What it reports | Fails under |
| --- | --- | --- | --- |
"""
_INDEX_TAIL = """
Suppress a finding with `# noqa: MP00x` on the reported line, or a rule for the whole project
with `ignore = ["MP00x"]` under `[tool.mp-lsp]` — see [configuration](../configuration.md).

The error messages quoted on each page were produced by running the page's example with
CPython 3.11.

These pages are generated from the rule modules in `mp_lsp/engine/rules/`
(`python -m mp_lsp.engine.rules.docs`).
"""


#: What every page refers to: how pickle finds and rebuilds values, and the process guidelines.
REFERENCES = (
    ("What can be pickled and unpickled",
     "https://docs.python.org/3/library/pickle.html#what-can-be-pickled-and-unpickled"),
    ("multiprocessing programming guidelines",
     "https://docs.python.org/3/library/multiprocessing.html#programming-guidelines"),
    ("What crosses with joblib, dill, PyTorch, dask and ray", "../frameworks/README.md"),
)


#: Said of a rule that fails under some start methods only.
_WARNING_NOTE = """\
Because it fails only under some start methods, mp-lsp reports it as a **warning** that says
where it bites ("fails on macOS and Windows, and on Linux from Python 3.14"), unless the start
method is known (fixed in the code, `get_context("spawn")`, or by the `start-method` setting)
or the project targets only platforms where one that fails is the default: macOS, Windows, or
Python 3.14+ (`platforms`, `target-version` in the [configuration](../configuration.md)).
"""


def start_methods(rule: Rule) -> str:
    """The start-methods section: a table of what fails where, and what it needs said."""
    by_sink = any(sink for sink, _ in rule.start_methods)
    header = ("| Sink " if by_sink else "") + "| spawn | fork | forkserver |\n"
    rule_line = ("| --- " if by_sink else "") + "| --- | --- | --- |\n"
    rows = "".join(
        (f"| {sink} " if by_sink else "")
        + "".join(f"| {'fails' if m in methods else 'works'} " for m in StartMethod) + "|\n"
        for sink, methods in rule.start_methods
    )
    notes = [textwrap.fill(rule.start_methods_note, 95)] if rule.start_methods_note else []
    if all(methods != ALL for _, methods in rule.start_methods):
        notes.append(_WARNING_NOTE.strip())
    return "## Start methods\n\n" + header + rule_line + rows + "".join(
        f"\n{note}\n" for note in notes
    )


def page(rule: Rule) -> str:
    """The Markdown page of one rule."""
    links = "".join(f"- [{title}]({url})\n" for title, url in (*REFERENCES, *rule.references))
    return (
        f"# {rule.code}: {rule.name}\n\n{rule.doc.strip()}\n\n{start_methods(rule)}\n"
        f"## References\n\n{links}\n## Suppression\n\n"
        f"Add `# noqa: {rule.code}` to {rule.noqa_line}, or disable the rule for the project:\n\n"
        f'```toml\n[tool.mp-lsp]\nignore = ["{rule.code}"]\n```\n'
    )


def index() -> str:
    """The Markdown index of every rule."""
    rows = "".join(
        f"| [{r.code}]({r.code}.md) | {r.name} | {r.summary} | {r.fails_under} |\n"
        for r in RULES.values()
    )
    return _INDEX_HEAD + rows + _INDEX_TAIL


def pages() -> dict[str, str]:
    """Every generated file of ``docs/rules/`` by name."""
    return {"README.md": index(), **{f"{code}.md": page(r) for code, r in RULES.items()}}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for name, text in pages().items():
        path = DOCS / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    extra = sorted(p.name for p in DOCS.glob("MP*.md") if p.name not in pages())
    for name in stale:
        print(f"{'stale' if args.check else 'wrote'}: docs/rules/{name}")
    for name in extra:
        print(f"no rule for docs/rules/{name}")
    return 1 if (args.check and stale) or extra else 0


if __name__ == "__main__":
    sys.exit(main())
