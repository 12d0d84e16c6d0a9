"""MP008 reads what runs when the module is imported, and only that."""

from __future__ import annotations

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
