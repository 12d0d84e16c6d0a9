"""MP008 reads what runs when the module is imported, and only that."""

from __future__ import annotations

import ast

import pytest

from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.values import Site, Value
from tests.engine.conftest import Check, assert_expected

HEAD = "import multiprocessing as mp\nimport sys\n"


def test_a_function_defined_under_a_condition_starts_nothing_on_import(check: Check) -> None:
    """``if sys.platform ...: def run(): ...`` defines ``run``; its body runs when called."""
    result = check(HEAD + """
if sys.platform != "win32":
    def run():
        with mp.Pool() as pool:
            return pool.map(abs, [1])
else:
    try:
        import fcntl
    except ImportError:
        fcntl = None
    else:
        def run():
            helper = lambda: mp.Pool()
            return helper
""")
    assert_expected(result, check)


def test_what_a_conditional_definition_runs_on_import_still_counts(check: Check) -> None:
    """Its decorators and defaults run at the definition, and so on import."""
    result = check(HEAD + """
def register(pool):
    return lambda function: function
if sys.platform != "win32":
    @register(mp.Pool())  # expect: MP008
    def run():
        return 1
""")
    assert_expected(result, check)
    result = check(HEAD + """
if sys.platform != "win32":
    def run(pool=mp.Pool()):  # expect: MP008
        return pool
""")
    assert_expected(result, check)
    result = check(HEAD + """
if sys.platform != "win32":
    with mp.Pool() as pool:  # expect: MP008
        pool.map(abs, [1])
""")
    assert_expected(result, check)


HELPERS = """
import multiprocessing as mp


def quiet():
    return 1


def start():
    with mp.Pool() as pool:
        return pool.map(abs, [1])
"""


def test_a_name_called_again_is_asked_again_where_it_may_name_another_function(
    check: Check,
) -> None:
    """A later call of the same name reuses what its first call found only where the name
    surely names the same object: not after a second binding, not in another scope (a
    comprehension's own ``run``)."""
    result = check("""
import helpers
run = helpers.quiet
run()
run = helpers.start
run()  # expect: MP008
""", helpers=HELPERS)
    assert_expected(result, check)
    result = check("""
import helpers
run = helpers.quiet
run()
jobs = [run() for run in (helpers.start,)]  # expect: MP008
""", helpers=HELPERS)
    assert_expected(result, check)


def test_a_module_level_name_called_again_is_not_asked_again(
    check: Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    values = Inferencer.values

    def counted(self: Inferencer, site: Site, depth: int = 0) -> list[Value]:
        if depth == 0 and isinstance(site.node, ast.Attribute):
            asked.append(ast.unparse(site.node))
        return values(self, site, depth)

    monkeypatch.setattr(Inferencer, "values", counted)
    result = check("""
import helpers
helpers.quiet()
helpers.quiet()
if helpers.quiet():
    helpers.quiet()
""", helpers=HELPERS)
    assert_expected(result, check)
    assert asked == ["helpers.quiet"]
