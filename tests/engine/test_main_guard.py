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


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The callees MP008 asks jedi about (what ``Inferencer.values`` is given first)."""
    found: list[str] = []
    values = Inferencer.values

    def counted(self: Inferencer, site: Site, depth: int = 0) -> list[Value]:
        if depth == 0 and isinstance(site.node, (ast.Name, ast.Attribute)):
            found.append(ast.unparse(site.node))
        return values(self, site, depth)

    monkeypatch.setattr(Inferencer, "values", counted)
    return found


def test_a_module_level_name_called_again_is_not_asked_again(
    check: Check, asked: list[str]
) -> None:
    result = check("""
import helpers
helpers.quiet()
helpers.quiet()
if helpers.quiet():
    helpers.quiet()
""", helpers=HELPERS)
    assert_expected(result, check)
    assert asked == ["helpers.quiet"]


def test_a_class_body_runs_on_import(check: Check) -> None:
    """A class statement runs its body: a call there runs on import, a method's body does not."""
    result = check(HEAD + """
class Settings:
    POOL = mp.Pool()  # expect: MP008

    def run(self):
        with mp.Pool() as pool:
            return pool.map(abs, [1])
""")
    assert_expected(result, check)
    result = check("import helpers\n" + """
class Jobs:
    table = helpers.build()  # expect: MP008
""", helpers="""
import multiprocessing as mp

def build():
    with mp.Pool() as pool:
        return pool.map(abs, [1])
""")
    assert_expected(result, check)


def test_a_class_body_that_only_holds_a_starter_starts_nothing(check: Check) -> None:
    result = check(HEAD + """
def run_all(values, factory=mp.Pool):
    with factory() as pool:
        return pool.map(abs, values)

class Jobs:
    factory = mp.Pool
    runner = staticmethod(run_all)
""")
    assert_expected(result, check)


def test_making_an_instance_runs_its_constructor(check: Check) -> None:
    """``SOLVER = DirectSolver()``: ``__init__`` makes a pool, directly or through a method on
    ``self``, in this module or an imported one; a default argument value is made on import."""
    result = check(HEAD + """
class Cache:
    def __init__(self):
        self._warm()

    def _warm(self):
        with mp.Pool() as pool:
            self.data = pool.map(abs, [1])

CACHE = Cache()  # expect: MP008
""")
    assert_expected(result, check)
    solvers = """
import multiprocessing

class DirectSolver:
    def __init__(self):
        self.pool = multiprocessing.Pool(2)

class LazySolver:
    def solve(self, blocks):
        with multiprocessing.Pool(2) as pool:
            return pool.map(sum, blocks)
"""
    result = check("import solvers\n" + """
SOLVER = solvers.DirectSolver()  # expect: MP008
""", solvers=solvers)
    assert_expected(result, check)
    result = check("from solvers import DirectSolver\n" + """
def simulate(blocks, solver=DirectSolver()):  # expect: MP008
    return solver
""", solvers=solvers)
    assert_expected(result, check)
    result = check("import solvers\n" + """
SOLVER = solvers.LazySolver()
""", solvers=solvers)
    assert_expected(result, check)


def test_a_class_body_reads_the_module_scope_unless_it_binds_the_name(
    check: Check, asked: list[str]
) -> None:
    """The decorators of a class's methods run in the class body, which looks a name up in
    its own namespace first: a name the body does not bind is the module's, asked once; one
    the body binds is asked each time."""
    result = check("""
import helpers
class Tests:
    @helpers.quiet()
    def test_one(self):
        pass

    @helpers.quiet()
    def test_two(self):
        pass
""", helpers=HELPERS)
    assert_expected(result, check)
    assert asked == ["helpers.quiet"]
    asked.clear()
    result = check("""
import helpers
run = helpers.quiet
run()
class Jobs:
    run = helpers.start
    run()  # expect: MP008
""", helpers=HELPERS)
    assert_expected(result, check)
    assert asked.count("run") == 2


def test_a_builtin_is_not_asked_about_unless_the_module_binds_its_name(
    check: Check, asked: list[str]
) -> None:
    result = check("""
import helpers
SIZES = tuple(sorted([3, 1]))
""", helpers=HELPERS)
    assert_expected(result, check)
    assert asked == []
    result = check("""
import helpers
def install():
    global sorted
    sorted = helpers.start
install()
sorted()  # expect: MP008
""", helpers=HELPERS)
    assert_expected(result, check)


def test_a_method_is_called_on_the_parameter_its_instance_is_bound_to(check: Check) -> None:
    """Not on a name: ``self`` is a convention, the first parameter is the mechanism; a
    staticmethod's first parameter is no instance."""
    result = check(HEAD + """
class Cache:
    def __init__(this):
        this._warm()

    def _warm(this):
        with mp.Pool() as pool:
            this.data = pool.map(abs, [1])

CACHE = Cache()  # expect: MP008
""")
    assert_expected(result, check)
    result = check(HEAD + """
class Cache:
    def __init__(self):
        self.data = self.load([3, 1])

    @staticmethod
    def load(values):
        return values.sort()

    def sort(self):
        with mp.Pool() as pool:
            return pool.map(abs, [1])

CACHE = Cache()
""")
    assert_expected(result, check)


RUNNERS = """
import multiprocessing as mp


class Runner:
    def __init__(self, workers):
        self.workers = workers

    def run(self, items):
        with mp.Pool(self.workers) as pool:
            return pool.map(abs, items)


class PooledSolver:
    def __init__(self):
        self.pool = mp.Pool(2)


class Settled(PooledSolver):
    def __init__(self):
        self.pool = None
"""


def test_a_method_of_another_modules_instance_that_starts_processes(check: Check) -> None:
    """``runner.run()`` runs ``Runner.run`` of runners.py, which makes a pool; making the
    runner (its ``__init__`` starts nothing) and reading its fields do not."""
    result = check("""
from runners import Runner

runner = Runner(2)
print(runner.workers)
print(runner.run([1, -2]))  # expect: MP008
""", runners=RUNNERS)
    assert_expected(result, check)
    result = check("""
from runners import Runner

runner = Runner(2)
print(runner.workers)
""", runners=RUNNERS)
    assert_expected(result, check)


def test_a_class_that_leaves_its_construction_to_another_modules_class(check: Check) -> None:
    """A subclass without an ``__init__`` of its own, or whose ``__init__`` calls
    ``super().__init__()``, runs the base's, which makes a pool; one that replaces it without
    handing on does not (``Settled``, another module's own subclass, does not either)."""
    for body in ("    def solve(self):\n        return self.pool",
                 "    def __init__(self):\n        self.size = 2\n        super().__init__()"):
        result = check(f"""
from runners import PooledSolver


class Sparse(PooledSolver):
{body}


SOLVER = Sparse()  # expect: MP008
""", runners=RUNNERS)
        assert_expected(result, check)
    result = check("""
from runners import PooledSolver, Settled


class Sparse(PooledSolver):
    def __init__(self):
        self.pool = None


SOLVER = Sparse()
OTHER = Settled()
""", runners=RUNNERS)
    assert_expected(result, check)


#: Subclasses, in a module of their own, of runners.py's ``PooledSolver``.
SOLVERS = """
from multiprocessing import cpu_count

from runners import PooledSolver


class Sparse(PooledSolver):
    pass


class Sized(PooledSolver):
    def __init__(self):
        self.size = cpu_count()
        super().__init__()


class Replaced(PooledSolver):
    def __init__(self):
        self.pool = None


class Twice(Sparse):
    pass
"""


def test_a_base_class_in_a_third_module_is_followed(check: Check) -> None:
    """Another module's class that inherits its ``__init__`` (or reaches it through
    ``super()``) from a class of a third module runs that one, base after base, as does a
    class of this module that inherits from such a class; one that replaces ``__init__``
    without handing on does not."""
    for name in ("Sparse", "Sized", "Twice"):
        result = check(f"""
from solvers import {name}

SOLVER = {name}()  # expect: MP008
""", runners=RUNNERS, solvers=SOLVERS)
        assert_expected(result, check)
    result = check("""
from solvers import Sparse


class Deeper(Sparse):
    pass


SOLVER = Deeper()  # expect: MP008
""", runners=RUNNERS, solvers=SOLVERS)
    assert_expected(result, check)
    # Only the methods left to a base are looked up there: ``Local``'s ``__new__`` is, its
    # ``__init__`` is not (Sparse's base, a module further, makes the pool in ``__init__``).
    result = check("""
from solvers import Replaced, Sparse


class Local(Sparse):
    def __init__(self):
        self.pool = None


SOLVER = Replaced()
OTHER = Local()
""", runners=RUNNERS, solvers=SOLVERS)
    assert_expected(result, check)


def test_a_class_of_the_module_inherits_a_constructor_that_starts_processes(
    check: Check,
) -> None:
    """The lookup goes through the module's own bases: an inherited ``__init__``, one reached
    through ``super()``, and a method called on the instance that a base defines."""
    result = check(HEAD + """
class Owner:
    def __init__(self):
        self.pool = mp.Pool(2)


class Warm:
    def __init__(self):
        self.warm()

    def warm(self):
        self.pool = mp.Pool(2)


class Plain(Owner):
    pass


class Handing(Owner):
    def __init__(self):
        self.size = 2
        super().__init__()


class Derived(Warm):
    pass


A = Plain()  # expect: MP008
""")
    assert_expected(result, check)
    for name in ("Handing", "Derived"):
        source = check.source.replace("A = Plain()", f"A = {name}()")
        assert_expected(check(source), check)
    result = check(HEAD + """
class Owner:
    def __init__(self):
        self.pool = mp.Pool(2)


class Replacing(Owner):
    def __init__(self):
        self.pool = None


A = Replacing()
""")
    assert_expected(result, check)
