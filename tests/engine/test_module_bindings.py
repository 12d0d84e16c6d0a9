"""What the top-level statements of a module bind, as ``ModuleUnits`` reads them."""

from __future__ import annotations

import textwrap

from mp_lsp.engine.dependencies import ModuleUnits
from mp_lsp.engine.syntax import ModuleSyntax

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


def test_every_binding_form_binds_its_module_name() -> None:
    """MP008 takes a name no statement binds for a builtin, and never asks what calling it
    does; the editor's dependencies follow the same bindings."""
    binders = ModuleUnits(ModuleSyntax("m.py", TRICKY))
    star = binders.binders_of("a name no statement binds")
    assert star == [1]
    for name in ("os", "j", "a", "d", "run", "pool", "file", "Box", "e", "h", "k", "m",
                 "rest", "others", "px", "problem", "CACHE", "table", "obj", "Alias"):
        assert binders.binders_of(name) != star, name
    assert binders.binders_of("attr") == star  # a class attribute is no module name
