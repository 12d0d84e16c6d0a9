"""The cheap scan: which calls are worth resolving, read from the text alone."""

from __future__ import annotations

from mp_lsp.engine.scan import candidates, witness_strings
from mp_lsp.engine.syntax import ModuleSyntax

BODY = """
rows.append(row)
table["key"] = value
table.setdefault("key", value)
"""


def proxy_candidates(source: str) -> list[str]:
    module = ModuleSyntax("m.py", source)
    return sorted(str(c.method) for c in candidates(module, witness_strings(source)) if c.method)


def test_a_proxy_method_needs_a_manager_and_the_call_that_makes_the_proxy() -> None:
    """``rows.append(x)`` sends only when ``rows`` is a manager's list proxy: a file with a
    manager (``Manager()``, ``SyncManager(address=...)``) and a ``.list(`` or ``.dict(`` call
    (or a registered proxy type) may hold one. Any ``XyzManager()`` alone (pytest's
    ``PytestPluginManager()``, urllib3's ``PoolManager()``) made every ``append`` and
    ``d[k] = v`` of the file a candidate, the most costly half of dask's and distributed's
    analysis."""
    assert proxy_candidates("pool = PoolManager()\n" + BODY) == []
    assert proxy_candidates("lock = mp.Manager().Lock()\n" + BODY) == []
    assert proxy_candidates("rows = mp.Manager().list()\n" + BODY) == [
        "__setitem__", "append"]
    assert proxy_candidates("with Manager() as m:\n    table = m.dict()\n" + BODY) == [
        "__setitem__", "setdefault"]
    served = "m = SyncManager(address=('', 5000), authkey=b'k')\nrows = m.list()\n"
    assert proxy_candidates(served + BODY) == ["__setitem__", "append"]
    registered = "SyncManager.register('Rows', list, ListProxy)\nm = SyncManager()\n"
    assert proxy_candidates(registered + BODY) == ["__setitem__", "append"]
