"""Each rule on small programs, with the look-alikes that must stay silent."""

from __future__ import annotations

from mp_lsp.engine.analyze import AnalysisResult
from mp_lsp.engine.findings import PICKLING_START_METHODS, Severity, StartMethod
from tests.engine.conftest import Check, assert_expected, codes

HEAD = "import multiprocessing as mp\nimport threading, sqlite3, functools"


def test_lambda_direct_and_through_variable(check: Check) -> None:
    result = check(HEAD + """
def main():
    square = lambda x: x * x
    with mp.Pool(2) as pool:
        pool.map(lambda x: x, [1])  # expect: MP001
        pool.map(square, [1])  # expect: MP001
        pool.map(abs, [1])
""")
    assert_expected(result, check)
    assert all(f.severity is Severity.ERROR for f in result.findings)
    culprit = result.findings[1].culprit
    assert culprit is not None and culprit.span.line == 4


def test_lambda_in_containers_partial_and_defaults(check: Check) -> None:
    result = check(HEAD + """
def work(x, f=None):
    return x
def main():
    handlers = {"a": lambda x: x}
    with mp.Pool(2) as pool:
        pool.apply_async(work, (1, handlers))  # expect: MP001
        pool.map(functools.partial(work, f=lambda y: y), [1])  # expect: MP001
        pool.map(functools.partial(work, f=abs), [1])
""")
    assert_expected(result, check)
    assert "handlers" in result.findings[0].message


def test_nested_function_and_closure(check: Check) -> None:
    result = check(HEAD + """
def make(n):
    def add(x):
        return x + n
    return add
def main():
    def local(x):
        return x
    with mp.Pool() as pool:
        pool.map(local, [1])  # expect: MP002
        pool.map(make(1), [1])  # expect: MP002
""")
    assert_expected(result, check)


def test_local_class_instance_and_namedtuple(check: Check) -> None:
    result = check(HEAD + """
from collections import namedtuple
Point = namedtuple("Point", "x y")
Renamed = namedtuple("P", "x y")
def work(p):
    return p
def main():
    class Local:
        pass
    Pair = namedtuple("Pair", "a b")
    with mp.Pool() as pool:
        pool.map(work, [Local()])  # expect: MP003
        pool.map(work, [Pair(1, 2)])  # expect: MP003
        pool.map(work, [Point(1, 2)])
        pool.map(work, [Renamed(1, 2)])  # expect: MP003
""")
    assert_expected(result, check)


def test_main_guard_definitions_fail_only_under_spawn(check: Check) -> None:
    source = HEAD + """
def ok(x):
    return x
if __name__ == "__main__":
    def guarded(x):
        return x
    with mp.Pool() as pool:
        pool.map(guarded, [1])  # expect: MP004
        pool.map(ok, [1])
"""
    portable = check(source)
    assert_expected(portable, check)
    assert portable.findings[0].severity is Severity.WARNING
    assert portable.findings[0].start_methods == PICKLING_START_METHODS
    assert portable.findings[0].message.endswith(
        "(fails on macOS and Windows, and on Linux from Python 3.14)"
    )
    assert codes(check(source, start_method="fork")) == []
    spawn = check(source, start_method="spawn")
    assert spawn.findings[0].severity is Severity.ERROR


def test_start_method_fixed_in_code_overrides_setting(check: Check) -> None:
    source = HEAD + """
if __name__ == "__main__":
    def guarded(x):
        return x
    ctx = mp.get_context("fork")
    with ctx.Pool() as pool:
        pool.map(guarded, [1])
    with mp.get_context("spawn").Pool() as pool2:
        pool2.map(guarded, [1])  # expect: MP004
"""
    result = check(source, start_method="fork")
    assert_expected(result, check)
    # The spawn context fails whatever the platform default is: it fails under "fork" too.
    assert result.findings[0].start_methods == frozenset({StartMethod.FORK})
    assert "fixes the `spawn` start method" in result.findings[0].message


def test_decorator_without_wraps(check: Check) -> None:
    result = check(HEAD + """
def plain(fn):
    def wrapper(*a):
        return fn(*a)
    return wrapper
def wrapped(fn):
    @functools.wraps(fn)
    def wrapper(*a):
        return fn(*a)
    return wrapper
@plain
def bad(x):
    return x
@wrapped
def good(x):
    return x
def main():
    with mp.Pool() as pool:
        pool.map(bad, [1])  # expect: MP005
        pool.map(good, [1])
""")
    assert_expected(result, check)


def test_library_objects_and_attribute_chain(check: Check) -> None:
    result = check(
        HEAD + """
from models import Job
def work(x):
    return 1
def main():
    jobs = [Job("a.db")]
    with mp.Pool() as pool:
        pool.map(work, jobs)  # expect: MP006
        pool.apply(work, (threading.Lock(),))  # expect: MP006
        pool.map(work, [open(p) for p in ["a"]])  # expect: MP006
        pool.map(work, (p for p in ["a"]))
""",
        models="""
import sqlite3
class Base:
    def connect(self, path):
        self.conn = sqlite3.connect(path)
class Job(Base):
    def __init__(self, path):
        self.path = path
        self.connect(path)
""",
    )
    assert_expected(result, check)
    chain = [link.label for link in result.findings[0].chain]
    assert chain == ["jobs", "[0]", ".conn", "sqlite3.Connection"]
    culprit = result.findings[0].chain[2].location
    assert culprit is not None and culprit.path.endswith("models.py")


def test_custom_pickling_is_trusted(check: Check) -> None:
    result = check(HEAD + """
class Safe:
    def __init__(self):
        self.lock = threading.Lock()
    def __getstate__(self):
        return {}
def work(x):
    return 1
def main():
    with mp.Pool() as pool:
        pool.map(work, [Safe()])
""")
    assert codes(result) == []


def test_shared_primitives_only_by_inheritance(check: Check) -> None:
    result = check(HEAD + """
def work(x, lock=None):
    return x
def init(lock):
    pass
def main():
    lock = mp.Lock()
    manager = mp.Manager()
    with mp.Pool(initializer=init, initargs=(lock,)) as pool:
        pool.apply(work, (1, lock))  # expect: MP007
        pool.apply(work, (1, manager.Lock()))
    p = mp.Process(target=work, args=(1, lock))
    p.start()
""")
    assert_expected(result, check)


def test_results_come_back_pickled(check: Check) -> None:
    result = check(HEAD + """
def make_lock(x):
    return threading.Lock()
def numbers(x):
    yield x
def fine(x):
    return [x]
def main():
    with mp.Pool() as pool:
        pool.map(make_lock, [1])  # expect: MP009
        pool.map(numbers, [1])  # expect: MP009
        pool.map(fine, [1])
""")
    assert_expected(result, check)


def test_process_target_only_under_spawn(check: Check) -> None:
    source = HEAD + """
def main():
    p = mp.Process(target=lambda: None)  # expect: MP001
    p.start()
    p.join()
if __name__ == "__main__":
    main()
"""
    result = check(source)
    assert_expected(result, check)
    assert result.findings[0].severity is Severity.WARNING
    assert codes(check(source, start_method="fork")) == []


def test_process_subclass_attributes(check: Check) -> None:
    result = check(HEAD + """
class Worker(mp.Process):
    def __init__(self):
        super().__init__()
        self.conn = sqlite3.connect(":memory:")
        self.lock = mp.Lock()
if __name__ == "__main__":
    w = Worker()
    w.start()  # expect: MP006
""")
    assert_expected(result, check)


def test_missing_main_guard(check: Check) -> None:
    result = check(HEAD + """
def work(x):
    return x
def main():
    with mp.Pool() as pool:
        pool.map(work, [1])
main()  # expect: MP008
""")
    assert_expected(result, check)
    guarded = check(HEAD + """
def work(x):
    return x
def main():
    with mp.Pool() as pool:
        pool.map(work, [1])
if __name__ == "__main__":
    main()
""")
    assert codes(guarded) == []


def test_look_alikes_are_silent(check: Check) -> None:
    result = check(HEAD + """
import itertools, queue, re, logging, operator, io, pathlib
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.pool import ThreadPool
from multiprocessing.dummy import Pool as DummyPool
def work(x):
    return x
class Plain:
    def __init__(self):
        self.pattern = re.compile("x")
        self.log = logging.getLogger("x")
        self.path = pathlib.Path(".")
    def method(self, x):
        return x
if __name__ == "__main__":
    f = lambda x: x
    with ThreadPoolExecutor() as tex:
        tex.submit(f, threading.Lock())
    ThreadPool(2).map(f, [1])
    DummyPool(2).map(f, [1])
    list(itertools.starmap(f, [(1,)]))
    list(map(f, [1]))
    queue.Queue().put(f)
    with mp.Pool() as pool:
        pool.map(work, (i for i in range(3)))
        pool.map(operator.itemgetter(0), [(1,)])
        pool.map(Plain().method, [1])
        pool.map(work, [io.BytesIO(), Plain()])
        pool.apply_async(work, (1,), callback=lambda r: None, error_callback=print)
""")
    assert codes(result) == []


def test_executor_with_statement_and_noqa(check: Check) -> None:
    result = check(HEAD + """
from concurrent.futures import ProcessPoolExecutor
def main():
    with ProcessPoolExecutor() as ex:
        ex.submit(lambda: 1)  # expect: MP001
        ex.submit(lambda: 2)  # noqa: MP001
        ex.submit(lambda: 3)  # noqa
        list(ex.map(lambda x: x, [1]))  # expect: MP001
""")
    assert_expected(result, check)


def test_pool_from_helper_and_self_attribute(check: Check) -> None:
    result = check(
        HEAD + """
from pools import make_pool
class Runner:
    def __init__(self):
        self.pool = mp.Pool()
    def run(self):
        self.pool.map(lambda x: x, [1])  # expect: MP001
def main():
    pool = make_pool()
    pool.map(lambda x: x, [1])  # expect: MP001
""",
        pools="""
import multiprocessing
def make_pool():
    return multiprocessing.Pool(2)
""",
    )
    assert_expected(result, check)


def test_bound_method_of_object_holding_a_pool(check: Check) -> None:
    result = check(HEAD + """
class Crawler:
    def __init__(self):
        self.pool = mp.Pool()
    def fetch(self, url):
        return url
    def run(self, urls):
        return self.pool.map(self.fetch, urls)  # expect: MP006
""")
    assert_expected(result, check)
    assert ".pool" in [link.label for link in result.findings[0].chain]


def test_syntax_error_is_reported_not_raised(check: Check) -> None:
    # Half-typed code is analysed around the error, which other tools report, not mp-lsp.
    result = check("import multiprocessing\ndef broken(:\n")
    assert result == AnalysisResult(())
    # A text without one readable statement is said to be so.
    result = check("def broken(:\n")
    assert result.findings == ()
    assert result.error == "SyntaxError: invalid syntax (line 1)"


def test_file_without_process_imports_costs_no_jedi(check: Check, monkeypatch) -> None:
    import jedi

    def refuse(*args, **kwargs):
        raise AssertionError("jedi must not be used")

    monkeypatch.setattr(jedi, "Script", refuse)
    assert check("import os\nos.listdir('.')\nprint(list(map(lambda x: x, [1])))\n").findings == ()


def test_items_returned_by_a_workspace_function(check: Check) -> None:
    result = check(HEAD + """
def build_shapes():
    class Shape:
        pass
    return [Shape(), Shape()]
def area(shape):
    return 1
def main():
    shapes = build_shapes()
    with mp.Pool() as pool:
        pool.map(area, shapes)  # expect: MP003
""")
    assert_expected(result, check)


def test_exception_that_cannot_be_rebuilt_in_the_parent(check: Check) -> None:
    result = check(HEAD + """
from concurrent.futures import ProcessPoolExecutor
class ValidationError(Exception):
    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
class Plain(Exception):
    pass
def validate(record):
    raise ValidationError("email", "missing")
def check_plain(record):
    raise Plain("bad")
if __name__ == "__main__":
    with ProcessPoolExecutor() as ex:
        ex.submit(validate, {}).result()  # expect: MP009
        ex.submit(check_plain, {}).result()
""")
    assert_expected(result, check)


def test_what_args_holds_follows_the_construction(check: Check) -> None:
    """``args`` is what an ``__init__`` last handed to the built-in exception's ``__init__``
    (written either way, through a workspace base), else the positional arguments of the call
    that made it; the rebuilt ``cls(*args)`` must fit ``__init__`` (too few, too many)."""
    result = check(HEAD + """
from concurrent.futures import ProcessPoolExecutor
class OldStyle(Exception):
    def __init__(self, sensor, reason):
        Exception.__init__(self, f"{sensor}: {reason}")
class KeepsBoth(Exception):
    def __init__(self, sensor, reason):
        Exception.__init__(self, sensor, reason)
class ExtraCode(Exception):
    def __init__(self, url):
        super().__init__(url, 404)
class ClientError(Exception):
    def __init__(self, message, status=500):
        super().__init__(message, status)
class NotFound(ClientError):
    def __init__(self, resource):
        ClientError.__init__(self, resource, 404)
class Forwarding(ClientError):
    def __init__(self, *args, **kwargs):
        self.extra = kwargs.pop("extra", None)
        super().__init__(*args)
class Fields(Exception):
    def __init__(self, field, value):
        self.field = field
        self.value = value
class Defaults(Exception):
    def __init__(self, field=None, value=None):
        self.field = field
def old_style(x):
    raise OldStyle(x, "bad")
def keeps_both(x):
    raise KeepsBoth(x, "bad")
def extra_code(x):
    return ExtraCode(x)
def not_found(x):
    raise NotFound(x)
def forwarding(x):
    raise Forwarding(x, 400, extra=1)
def by_keyword(x):
    return Fields(field="age", value=x)
def by_position(x):
    return Fields("age", x)
def defaults(x):
    return Defaults(field="age", value=x)
if __name__ == "__main__":
    with ProcessPoolExecutor() as ex:
        ex.submit(old_style, 1)  # expect: MP009
        ex.submit(keeps_both, 1)
        ex.submit(extra_code, 1)  # expect: MP009
        ex.submit(not_found, 1)  # expect: MP009
        ex.submit(forwarding, 1)
        ex.submit(by_keyword, 1)  # expect: MP009
        ex.submit(by_position, 1)
        ex.submit(defaults, 1)
""")
    assert_expected(result, check)
    details = {f.span.line: f.message.split(": ", 1)[1] for f in result.findings}
    assert "holds the 1 argument `__init__` passes to `Exception.__init__()`" in "".join(
        details.values()), details
    assert any("went by keyword" in d for d in details.values()), details
    assert any("its base passes" in d for d in details.values()), details


def test_a_library_exception_that_escapes_a_worker_is_judged_by_the_table(check: Check) -> None:
    """pickle dumps urllib's ``HTTPError`` and fails to rebuild it (the generated table): raised
    in a worker, it flags; ``URLError`` (its one argument is its ``args``) does not, nor an
    ``HTTPError`` raised where a handler around it may catch it."""
    result = check(HEAD + """
from concurrent.futures import ProcessPoolExecutor
from urllib.error import HTTPError, URLError
def fetch(url):
    raise HTTPError(url, 404, "Not Found", {}, None)
def resolve(host):
    raise URLError(host)
def fetch_wrapped(url):
    try:
        raise HTTPError(url, 503, "Unavailable", {}, None)
    except OSError as error:
        raise RuntimeError(str(error)) from None
if __name__ == "__main__":
    with ProcessPoolExecutor() as ex:
        ex.submit(fetch, "u").result()  # expect: MP009
        ex.submit(resolve, "h").result()
        ex.submit(fetch_wrapped, "u").result()
""")
    assert_expected(result, check)
    [finding] = result.findings
    assert "urllib.error.HTTPError" in finding.message and "HTTPError.__init__()" in (
        finding.message)


def test_a_cached_property_read_before_sending_is_state(check: Check) -> None:
    """A ``cached_property`` stores what its getter returned in the instance's ``__dict__``
    when it is first read: read by a method that ran (``seed``) or by the sender itself, the
    connection is sent with the instance; never read, or a plain ``property``, it is not, and
    a method only read (not called) has not run."""
    store = HEAD + """
from functools import cached_property


class Store:
    def __init__(self, path):
        self.path = path

    @cached_property
    def db(self):
        return sqlite3.connect(self.path)

    @property
    def live(self):
        return sqlite3.connect(self.path)

    def seed(self):
        self.db.execute("select 1")

    def total(self, region):
        return self.db.execute("select ?", (region,)).fetchone()

    def warm(self):
        self.conn = sqlite3.connect(self.path)
"""
    result = check(store + """

def seeded():
    store = Store("orders.db")
    store.seed()
    with mp.Pool(2) as pool:
        pool.map(store.total, ["north"])  # expect: MP006


def read_here():
    store = Store("orders.db")
    print(store.db.total_changes)
    with mp.Pool(2) as pool:
        pool.map(store.total, ["north"])  # expect: MP006


def never_read():
    store = Store("orders.db")
    with mp.Pool(2) as pool:
        pool.map(store.total, ["north"])


def plain_property():
    store = Store("orders.db")
    print(store.live.total_changes)
    with mp.Pool(2) as pool:
        pool.map(store.total, ["north"])


def method_read_not_called():
    store = Store("orders.db")
    hook = store.warm
    with mp.Pool(2) as pool:
        pool.map(store.total, [hook.__name__])
""")
    assert_expected(result, check)


def test_what_the_running_method_and_its_decorators_store_on_self(check: Check) -> None:
    """The method that holds the sink is running: what it stores on ``self`` goes with a later
    send of ``self`` (a Future appended in the loop that submits ``self.run_one``), and so does
    what the wrapper of a decorator of the module stores (a connection opened on first use).
    An item appended to another instance's list, a store in an undecorated helper that never
    ran and a wrapper that stores nothing are no part of it."""
    result = check(HEAD + """
from concurrent.futures import ProcessPoolExecutor


def _opens_db(method):
    @functools.wraps(method)
    def wrapper(self, *args):
        if self._db is None:
            self._db = sqlite3.connect(self.path)
        return method(self, *args)
    return wrapper


def _logged(method):
    def wrapper(self, *args):
        print("calling", method.__name__)
        return method(self, *args)
    return wrapper


class Runner:
    def __init__(self, batches, path):
        self.batches = batches
        self.path = path
        self.futures = []
        self.names = []
        self._db = None

    def run_one(self, batch):
        return sum(batch)

    def run(self):
        with ProcessPoolExecutor(2) as pool:
            for batch in self.batches:
                future = pool.submit(self.run_one, batch)  # expect: MP006
                self.futures.append(future)

    def run_named(self, other):
        with ProcessPoolExecutor(2) as pool:
            for batch in self.batches:
                other.futures.append(pool.submit(self.run_one, batch))
                self.names.append(str(batch))

    @_opens_db
    def notify(self):
        with mp.Pool(1) as pool:
            return pool.apply(self.run_one, ([1],))  # expect: MP006

    @_logged
    def report(self):
        with mp.Pool(1) as pool:
            return pool.apply(self.run_one, ([1],))

    def unused(self):
        self.conn = sqlite3.connect(self.path)
""")
    assert_expected(result, check)


def test_wrappers_of_imported_and_factory_decorators_store_on_self(check: Check) -> None:
    """The wrapper that runs in a method's place is read where the decorator is defined: one
    imported from another module, and the one a decorator factory's decorator returns
    (through ``functools.update_wrapper``), each storing a lock on ``self``."""
    result = check(HEAD + """
from helpers import locked, retrying


class Job:
    def __init__(self):
        self._lock = None

    def work(self, x):
        return x

    @locked
    def run(self):
        with mp.Pool(1) as pool:
            return pool.map(self.work, [1])  # expect: MP006

    @retrying(3)
    def again(self):
        with mp.Pool(1) as pool:
            return pool.map(self.work, [1])  # expect: MP006
""", helpers="""
import functools
import threading


def locked(method):
    def wrapper(self, *args):
        self._lock = threading.Lock()
        return method(self, *args)
    return wrapper


def retrying(times):
    def decorate(method):
        def wrapper(self, *args):
            self._guard = threading.RLock()
            return method(self, *args)
        return functools.update_wrapper(wrapper, method)
    return decorate
""")
    assert_expected(result, check)


def test_self_typed_methods_return_the_receivers_class(check: Check) -> None:
    """typeshed's ``-> Self`` is the class a method is called on: ``Path(root) / "m.log"`` is a
    ``Path`` (jedi alone says ``PurePath``, which has no ``open`` or ``iterdir``), as are
    ``.parent`` and ``Path.cwd()``; its ``open()`` kept on ``self`` is an open file. Paths
    alone pickle."""
    result = check(HEAD + """
from pathlib import Path


class Tracker:
    def __init__(self, root):
        self.run_dir = Path(root) / "runs"
        self.log = (self.run_dir / "metrics.log").open("a")
        self.masks = self.run_dir.parent.iterdir()
        self.home = Path.cwd() / "x"

    def score(self, fold):
        return fold


class Paths:
    def __init__(self, root):
        self.run_dir = Path(root) / "runs"
        self.parent = self.run_dir.parent

    def score(self, fold):
        return fold


def main():
    with mp.Pool(2) as pool:
        pool.map(Tracker("/tmp").score, [1])  # expect: MP006
        pool.map(Paths("/tmp").score, [1])
        pool.map(len, [(Path.cwd() / "a").iterdir()])  # expect: MP006
""")
    assert_expected(result, check)


def test_a_logger_made_by_its_class_does_not_cross_by_name(check: Check) -> None:
    """pickle sends a logger as ``getLogger(name)`` and refuses one ``getLogger`` does not
    return (one made by calling ``logging.Logger``); loky's cloudpickle rebuilds any logger
    by its name (the generated kinds tables say both)."""
    result = check("""
import logging
import multiprocessing as mp
from joblib import Parallel, delayed


class Task:
    def __init__(self):
        self.log = logging.Logger("tasks")

    def run(self, x):
        self.log.info("%s", x)
        return x


class Named:
    def __init__(self):
        self.log = logging.getLogger("tasks")

    def run(self, x):
        self.log.info("%s", x)
        return x


def main():
    with mp.Pool(2) as pool:
        pool.map(Task().run, [1])  # expect: MP006
        pool.map(Named().run, [1])
    Parallel(n_jobs=2)(delayed(Task().run)(i) for i in range(2))
""")
    assert_expected(result, check)


def test_a_test_case_sent_while_it_runs_holds_the_runner(check: Check) -> None:
    """unittest's runner sets the running test case's ``_outcome`` (its result, and the result's
    stream): pickle refuses a test method's ``self``, loky's cloudpickle sends it (it sends
    ``sys.stderr`` by name), and a test case made by calling its class holds none of it (the
    generated kinds tables say all three). Under fork a ``Process`` target is not pickled."""
    result = check("""
import multiprocessing as mp
import unittest

from joblib import Parallel, delayed


def write_line(path):
    with open(path, "w") as out:
        out.write("x")


class Base(unittest.TestCase):
    def child(self, path):
        write_line(path)


class LogTest(Base):
    def test_method_target(self):
        proc = mp.Process(target=self.child, args=("a.log",))  # expect: MP006
        proc.start()
        proc.join()

    def test_function_target(self):
        proc = mp.Process(target=write_line, args=("a.log",))
        proc.start()
        proc.join()

    def test_pool(self):
        with mp.Pool(2) as pool:
            pool.map(self.child, ["a.log"])  # expect: MP006
        Parallel(n_jobs=2)(delayed(self.child)(p) for p in ["a.log"])


def main():
    with mp.Pool(2) as pool:
        pool.apply(len, (LogTest("test_pool"),))
""", start_method="spawn")
    assert_expected(result, check)
    process = next(f for f in result.findings if f.span.line == 20)
    assert "unittest.case.TestCase while it runs" in process.message, process.message
    assert "cannot pickle '_io.TextIOWrapper' object" in process.message, process.message
    fork = check(check.source, start_method="fork")
    assert [f.span.line for f in fork.findings] == [31]


def test_a_library_method_takes_its_object_along(check: Check) -> None:
    """A bound method pickles as ``getattr(obj, name)``: ``ctx.run`` sends the context and
    ``db.execute`` the connection, which pickle refuses; a logger's, a ``Random``'s and a
    ``StringIO``'s objects pickle (each verdict is pickle's, checked by running it)."""
    result = check("""
import contextvars
import io
import logging
import random
import sqlite3
from concurrent.futures import ProcessPoolExecutor


def main():
    ctx = contextvars.copy_context()
    db = sqlite3.connect(":memory:")
    log = logging.getLogger("jobs")
    rng = random.Random(1)
    buf = io.StringIO("a")
    with ProcessPoolExecutor() as ex:
        ex.submit(ctx.run, print, 1)  # expect: MP006
        ex.submit(db.execute, "select 1")  # expect: MP006
        ex.submit(log.info, "x")
        ex.submit(rng.random)
        ex.submit(buf.getvalue)
        ex.submit(str.upper, "x")
""")
    assert_expected(result, check)
    first = min(result.findings, key=lambda f: f.span.line)
    assert "`ctx.run → bound to ctx` is a _contextvars.Context" in first.message, first.message


def test_a_library_exception_built_by_keyword_keeps_only_positional_args(check: Check) -> None:
    """``BaseException.__new__`` keeps only positional arguments in ``args``: pickle cannot
    rebuild a ``CalledProcessError`` built by keyword, and rebuilds one built by position and
    a ``JSONDecodeError`` built by keyword (its ``__reduce__``); the generated table says so."""
    result = check(HEAD + """
import json
import subprocess
from concurrent.futures import ProcessPoolExecutor
def by_keyword(cmd):
    raise subprocess.CalledProcessError(returncode=1, cmd=cmd)
def half(cmd):
    raise subprocess.CalledProcessError(1, cmd=cmd)
def by_position(cmd):
    raise subprocess.CalledProcessError(1, cmd, output=b"")
def decoded(text):
    raise json.JSONDecodeError(msg="bad", doc=text, pos=0)
if __name__ == "__main__":
    with ProcessPoolExecutor() as ex:
        ex.submit(by_keyword, "x")  # expect: MP009
        ex.submit(half, "x")  # expect: MP009
        ex.submit(by_position, "x")
        ex.submit(decoded, "x")
""")
    assert_expected(result, check)
    first = min(result.findings, key=lambda f: f.span.line)
    assert "keeps only the 0 positional arguments of the call, where it needs 2" in (
        first.message), first.message


def test_exc_info_in_an_except_block_holds_the_traceback(check: Check) -> None:
    """``sys.exc_info()`` where an exception is handled is a tuple with its traceback, which
    pickle refuses (the generated kinds table); outside a handler it is ``(None, None,
    None)``."""
    result = check("""
import multiprocessing as mp
import sys
import traceback


def work(items, out):
    for item in items:
        try:
            out.put(("ok", 10 // item))
        except ZeroDivisionError:
            out.put(("error", sys.exc_info()))  # expect: MP006
            out.put(("error", traceback.format_exc()))
    out.put(("done", sys.exc_info()))


if __name__ == "__main__":
    out = mp.Queue()
    mp.Process(target=work, args=([0], out)).start()
""")
    assert_expected(result, check)
    assert "sys.exc_info() tuple (it holds the traceback)" in result.findings[0].message
    assert result.findings[0].fix_hints == (
        ("fix", "send traceback.format_exc(), or a traceback.TracebackException"),)


def test_what_the_scope_puts_in_a_container_goes_with_it(check: Check) -> None:
    """A dict or list literal is sent with what its scope stores in it afterwards
    (``context["db"] = ...``, ``jobs.append(...)``), also when a workspace function fills and
    returns it; ``extend`` adds its argument's items, not the argument (a generator here)."""
    result = check("""
import multiprocessing as mp
import sqlite3
import threading


def work(x):
    return 1


def make_context(path):
    context = {}
    context["path"] = path
    context["db"] = sqlite3.connect(path)
    return context


def make_paths(path):
    context = {}
    context["path"] = path
    return context


def main():
    settings = {"size": 128}
    settings["lock"] = threading.Lock()
    jobs = []
    jobs.append(threading.Event())
    names = []
    names.extend(str(i) for i in range(3))
    with mp.Pool(2) as pool:
        pool.apply(work, (settings,))  # expect: MP006
        pool.apply(work, (jobs,))  # expect: MP006
        pool.apply(work, (names,))
        pool.apply(work, (make_context("a.db"),))  # expect: MP006
        pool.apply(work, (make_paths("a.db"),))
""")
    assert_expected(result, check)
    first = min(result.findings, key=lambda f: f.span.line)
    assert '["lock"]' in first.message, first.message


def test_unpacking_into_attributes_keeps_the_whole_value(check: Check) -> None:
    """``self.codec, self.suffix = load_codec()``: the two attributes together hold what the
    helper returns, a module among it; a local name in the targets keeps part of it off
    ``self``."""
    result = check("""
import importlib
import multiprocessing as mp


def load_codec():
    return importlib.import_module("lzma"), ".xz"


class Archiver:
    def __init__(self):
        self.codec, self.suffix = load_codec()

    def compress(self, path):
        return path


class Named:
    def __init__(self):
        codec, self.suffix = load_codec()
        self.name = codec.__name__

    def compress(self, path):
        return path


def main():
    with mp.Pool(2) as pool:
        pool.map(Archiver().compress, ["a"])  # expect: MP006
        pool.map(Named().compress, ["a"])
""")
    assert_expected(result, check)


def test_module_attributes_the_table_built_by_name(check: Check) -> None:
    """typeshed calls ``sys.stdout`` a ``TextIO``, as it does a ``StringIO``; the generated
    table built ``sys.stdout`` itself (an ``_io.TextIOWrapper``) and ``os.environ`` (whose
    encoders are local functions). A ``ChainMap`` pickles its maps."""
    result = check("""
import collections
import io
import multiprocessing as mp
import os
import sys


def work(x):
    return 1


def main():
    with mp.Pool(2) as pool:
        pool.apply(work, (sys.stdout,))  # expect: MP006
        pool.apply(work, (collections.ChainMap({}, os.environ),))  # expect: MP006
        pool.apply(work, (collections.ChainMap({}, {"a": 1}),))
        pool.apply(work, (io.StringIO("a"),))
        pool.apply(work, (sys.argv,))
""")
    assert_expected(result, check)


def test_a_constructor_argument_left_out_gets_its_default(check: Check) -> None:
    """``Relay(lines)`` stores ``out=sys.stdout``'s default on ``self``; a call that passes
    ``out`` replaces it, and ``**options`` may pass anything (unknown)."""
    result = check("""
import io
import multiprocessing as mp
import sys


class Relay(mp.Process):
    def __init__(self, lines, out=sys.stdout, *, prefix="> "):
        super().__init__()
        self.lines = lines
        self.out = out
        self.prefix = prefix

    def run(self):
        for line in self.lines:
            self.out.write(self.prefix + line)


def main(options):
    Relay(["a"]).start()  # expect: MP006
    Relay(["a"], out=io.StringIO()).start()
    Relay(["a"], **options).start()
""", start_method="spawn")
    assert_expected(result, check)


def test_a_helper_that_returns_its_argument_is_not_every_callers_value(check: Check) -> None:
    """A return that reads a parameter is this call's argument, not what every call in the
    module passes: ``ensure_dict(settings)`` is not the lock another call gives it."""
    result = check("""
import multiprocessing as mp
import threading


def work(x):
    return 1


def ensure_dict(d, copy=False):
    return dict(d) if copy else d


def guarded():
    return ensure_dict({"lock": threading.Lock()})


def main():
    settings = ensure_dict({"size": 1})
    with mp.Pool(2) as pool:
        pool.apply(work, (settings,))
        pool.apply(work, (guarded(),))  # expect: MP006
""")
    assert_expected(result, check)


def test_map_item_unpacked_into_a_proxy(check: Check) -> None:
    """A mapped worker's parameter is each item of the iterable (a ``starmap`` item its
    arguments), and ``store, n = args`` takes the item's first element: a Manager proxy, whose
    stores send their values to the manager's process."""
    result = check(HEAD + """
def work(args):
    store, n = args
    class Result:
        pass
    store[n] = Result()  # expect: MP003
def pair(store, n):
    store.append(x for x in range(n))  # expect: MP006
def plain(args):
    store, n = args
    class Result:
        pass
    store[n] = Result()
def main():
    manager = mp.Manager()
    store = manager.dict()
    kept = manager.list()
    with mp.Pool(2) as pool:
        pool.map(work, [(store, n) for n in range(2)])
        pool.starmap(pair, [(kept, 1), (kept, 2)])
        pool.map(plain, [({}, n) for n in range(2)])
""")
    assert_expected(result, check)


def test_class_body_descriptor_in_a_table(check: Check) -> None:
    """Read by its name in the class body, a ``@staticmethod`` def is the staticmethod object
    (pickle refuses it); through the class or an instance it is the function. A display
    indexed by a constant is the element it names."""
    result = check(HEAD + """
class Importer:
    @staticmethod
    def parse(line):
        return line
    PARSERS = {"csv": parse, "plain": str}
    def run(self, lines):
        with mp.Pool() as pool:
            pool.map(self.PARSERS["csv"], lines)  # expect: MP006
            pool.map(self.PARSERS["plain"], lines)
            pool.map(self.parse, lines)
            pool.map(Importer.parse, lines)
def main():
    pair = (threading.Lock(), abs)
    with mp.Pool() as pool:
        pool.map(pair[1], [1])
        pool.map(pair[0], [1])  # expect: MP006
""")
    assert_expected(result, check)
    assert "staticmethod" in result.findings[0].message


def test_private_nested_class_cannot_be_found_by_name(check: Check) -> None:
    """A nested class with a private name is stored as ``_Owner__Sample`` but pickled by its
    qualified name ``Owner.__Sample``; a public or dunder-named nested class is found. What a
    method returns of ``self`` is followed (``[self.__Sample(...) for ...]``)."""
    result = check(HEAD + """
class Collector:
    class __Sample:
        pass
    class Row:
        pass
    def collect(self):
        return [self.__Sample() for _ in range(2)]
    def rows(self):
        return [self.Row() for _ in range(2)]
def poll(host):
    return Collector().collect()
def fine(host):
    return Collector().rows()
def main():
    with mp.Pool() as pool:
        pool.map(poll, ["a"])  # expect: MP009
        pool.map(fine, ["a"])
""")
    assert_expected(result, check)
    assert "_Collector__Sample" in result.findings[0].message


def test_unpacked_names_are_their_elements(check: Check) -> None:
    """``jobs, results = manager.Queue(), manager.Queue()``: each name is its element, a
    Manager proxy (jedi reads typeshed's ``queue.Queue``), which crosses; a lock unpacked the
    same way does not."""
    result = check(HEAD + """
def work(jobs, results):
    pass
def main():
    manager = mp.Manager()
    jobs, results = manager.Queue(), manager.Queue()
    lock, count = threading.Lock(), 1
    mp.Process(target=work, args=(jobs, results)).start()
    mp.Process(target=work, args=(lock, count)).start()  # expect: MP006
""")
    assert_expected(result, check)


def test_enum_members_are_rebuilt_by_value(check: Check) -> None:
    """An Enum member crosses as ``cls(value)``: a value that compares by identity (a bare
    ``object()``, a ``partial``, an instance of a class without ``__eq__``, also inside a
    tuple) is rebuilt as an object no member holds. Values that compare equal (constants,
    dataclasses, built-in functions sent by name), a member named where the value is fine, a
    class that pickles members by name or finds them itself (``_missing_``) all cross."""
    result = check(HEAD + """
import enum
from dataclasses import dataclass
class RGB:
    def __init__(self, r):
        self.r = r
@dataclass(frozen=True)
class Scale:
    factor: float
class Marker(enum.Enum):
    UNSET = object()
    PLAIN = 1
class Palette(enum.Enum):
    RED = RGB(255)
class Units(enum.Enum):
    FOOT = Scale(0.3)
    BEST = max
class Aggregate(enum.Enum):
    SUM = (functools.partial(sum), "sum")
    @classmethod
    def named(cls, name):
        return cls[name.upper()]
class ByName(enum.Enum):
    SUM = functools.partial(sum)
    def __reduce_ex__(self, protocol):
        return getattr, (self.__class__, self.name)
class Found(enum.Enum):
    SUM = functools.partial(sum)
    @classmethod
    def _missing_(cls, value):
        return cls.SUM
def work(x):
    return x
def main(name):
    with mp.Pool() as pool:
        pool.map(work, [Marker.UNSET])  # expect: MP012
        pool.map(work, [Marker.PLAIN])
        pool.map(work, [Palette.RED])  # expect: MP012
        pool.map(work, [Units.FOOT, Units.BEST])
        pool.map(work, [Aggregate.named(name)])  # expect: MP012
        pool.map(work, [ByName.SUM, Found.SUM])
""")
    assert_expected(result, check)
    messages = [f.message for f in result.findings]
    assert "a bare `object()` is equal only to itself" in messages[0]
    assert "`RGB` defines no `__eq__`" in messages[1]
    assert "`Aggregate.SUM`" in messages[2] and "functools.partial" in messages[2]


def test_a_loop_over_a_display_binds_each_element(check: Check) -> None:
    """``for job in jobs`` over ``jobs = [(...), (...)]`` sends each element: what a tuple
    holds is pickled with it, though jedi only says "a tuple"."""
    result = check(HEAD + """
def work(*args):
    pass
def main():
    jobs = [("a", 1), ("b", threading.Lock())]
    with mp.Pool() as pool:
        for job in jobs:
            pool.apply_async(work, job)  # expect: MP006
        for job in [("a", 1), ("b", 2)]:
            pool.apply_async(work, job)
""")
    assert_expected(result, check)


def test_a_manager_is_started_with_its_registry(check: Check) -> None:
    """``BaseManager.start()`` (or ``with``) passes its class's registry to the server process,
    pickled under spawn: a registered lambda or nested function cannot cross, nor can a lambda
    ``initializer``; a module-level class can, and ``get_server()`` starts no process."""
    result = check(HEAD + """
from multiprocessing.managers import BaseManager, SyncManager
class Counter:
    pass
class Jobs(BaseManager):
    pass
class Counters(BaseManager):
    pass
class Served(BaseManager):
    pass
Jobs.register("get_jobs", callable=lambda: [])
Counters.register("Counter", Counter)
Served.register("get_jobs", callable=lambda: [])
def build():
    def cache():
        return {}
    Counters.register("get_cache", cache)
def main():
    with Jobs() as jobs:  # expect: MP001
        pass
    counters = Counters()
    counters.start()  # expect: MP002
    plain = SyncManager()
    plain.start(lambda: None)  # expect: MP001
    Served().get_server()
""", start_method="spawn")
    assert_expected(result, check)
    assert 'registered "get_jobs"' in result.findings[0].message
    fork = check(check.source, start_method="fork")
    assert not fork.findings


def test_a_tzinfo_is_rebuilt_with_its_initargs(check: Check) -> None:
    """``tzinfo.__reduce__`` calls the class with ``__getinitargs__()``, or with nothing: an
    ``__init__`` that needs arguments fails there, also inside an aware ``datetime`` (which
    pickles its ``tzinfo``) that a worker returns."""
    result = check(HEAD + """
from datetime import datetime, timedelta, tzinfo
class Fixed(tzinfo):
    def __init__(self, hours):
        self.delta = timedelta(hours=hours)
class Kept(Fixed):
    def __getinitargs__(self):
        return (0,)
class Plain(tzinfo):
    pass
def stamp(hours):
    return datetime(2024, 1, 1, tzinfo=Fixed(hours))
def fine(hours):
    return datetime(2024, 1, 1).replace(tzinfo=Kept(hours))
def main():
    with mp.Pool() as pool:
        pool.map(print, [Fixed(1)])  # expect: MP012
        pool.map(print, [Kept(1), Plain()])
        pool.map(stamp, [1])  # expect: MP009
        pool.map(fine, [1])
""")
    assert_expected(result, check)
    assert "needs 1 argument," in result.findings[0].message


def test_a_slotted_setstate_gets_a_tuple(check: Check) -> None:
    """Without ``__getstate__``, a slotted instance's state is ``(dict or None, slots)``: a
    ``__setstate__`` that reads it as a dict fails; one that checks its shape first, or pairs
    with a ``__getstate__``, or belongs to a class without slots, is fine."""
    result = check(HEAD + """
class Row:
    __slots__ = ("a", "b")
    def __setstate__(self, state):
        state.setdefault("b", 0)
class Paired:
    __slots__ = ("a",)
    def __getstate__(self):
        return {"a": self.a}
    def __setstate__(self, state):
        self.a = state["a"]
class Checked:
    __slots__ = ("a",)
    def __setstate__(self, state):
        if isinstance(state, tuple):
            state = state[1]
        self.a = state["a"]
class Plain:
    def __setstate__(self, state):
        self.__dict__.update(state)
def main():
    with mp.Pool() as pool:
        pool.map(print, [Row()])  # expect: MP012
        pool.map(print, [Paired(), Checked(), Plain()])
""")
    assert_expected(result, check)
    assert "`state.setdefault()`" in result.findings[0].message


def test_mapping_unpacked_into_submit_and_get_defaults(check: Check) -> None:
    """``submit(f, **options)`` sends each value of the mapping; ``d.get(key, default)`` may
    return its default, which is then sent."""
    result = check(HEAD + """
from concurrent.futures import ProcessPoolExecutor
LOCK = threading.Lock()
def work(**kw):
    pass
def main(config):
    options = {"lock": threading.Lock()}
    plain = {"n": 1}
    with ProcessPoolExecutor() as ex:
        ex.submit(work, **options)  # expect: MP006
        ex.submit(work, **plain)
        ex.submit(work, value=config.get("x", LOCK))  # expect: MP006
        ex.submit(work, value=config.get("x", 1))
""")
    assert_expected(result, check)
