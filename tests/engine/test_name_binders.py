"""``NameBinders`` walks only the statements that spell a name: it must find the binders that
a walk of every statement (``ModuleUnits``) finds, for every name, or MP008 would take a bound
name for a builtin and skip asking about its calls."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from mp_lsp.engine.dependencies import ModuleUnits, NameBinders
from mp_lsp.engine.syntax import ModuleSyntax

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [*ROOT.glob("tests/corpus/*/*.py"), *ROOT.glob("examples/*.py"),
     *ROOT.glob("mp_lsp/engine/*.py")]
)

#: Every binding form, a star import inside a ``try``, statements sharing a line, decorators
#: above their statement, a name bound by ``global`` in a function, and a non-ASCII spelling
#: Python folds (``ﬁle`` is ``file``).
TRICKY = textwrap.dedent('''\
    import os.path, json as j
    try:
        from helpers import *
    except ImportError:
        pass
    a = 1; b, (c, *d) = 2, (3, 4)
    @decorate
    def run(x=tuple()):
        global pool, ﬁle
        pool = 1
    class Box(base):
        attr = 2
    for e in range(3): pass
    with open("f") as (g, h): pass
    if (k := 5): del a
    match b:
        case {"m": m, **rest}: pass
        case [n, *others] if n: pass
        case Point(x=px) | Other(px): pass
    try:
        pass
    except Exception as problem:
        pass
    CACHE.update(x=1); table["k"] = 2; obj.attr.inner = 3
    type Alias = list[int]
    ''')


def _identifiers(source: str) -> set[str]:
    return set(re.findall(r"\w+", source)) | {"file", "missing"}


@pytest.mark.parametrize("source", [TRICKY, *(p.read_text() for p in SOURCES)],
                         ids=["tricky", *(str(p.relative_to(ROOT)) for p in SOURCES)])
def test_the_binders_of_every_name_match_a_full_walk(source: str) -> None:
    module = ModuleSyntax("m.py", source)
    units, binders = ModuleUnits(module), NameBinders(module)
    for name in _identifiers(source):
        expected = units.binders_of(name)
        assert binders.binders_of(name) == expected, name
        own = len(expected) - len(units.binders_of("a name no statement binds"))
        assert binders.binders_of(name, enough=1) == expected[:min(own, 1)] + expected[own:]
    for line in range(1, len(module.lines) + 2):
        unit = units.unit_at(line)
        assert binders.index_at(line) == (None if unit is None else unit.index)


def test_the_tricky_source_binds_what_python_binds() -> None:
    """The comparison above is worth something only if the walk sees these bindings."""
    binders = NameBinders(ModuleSyntax("m.py", TRICKY))
    star = binders.binders_of("a name no statement binds")
    assert star == [1]
    for name in ("os", "j", "a", "d", "run", "pool", "file", "Box", "e", "h", "k", "m",
                 "rest", "others", "px", "problem", "CACHE", "table", "obj", "Alias"):
        assert binders.binders_of(name) != star, name
    assert binders.binders_of("attr") == star  # a class attribute is no module name
