"""Framework sinks, each judged by the serializer that really runs there.

The packages need not be installed: where jedi cannot load them, sinks are recognised by the
names the code imports (and the hover says so). What each serializer lets cross comes from the
generated tables; the corpus (``tests/corpus_frameworks``) measures the same against reality.
"""

from __future__ import annotations

import importlib.util

import pytest

from mp_lsp.engine.explain import explain_at
from mp_lsp.engine.findings import PICKLING_START_METHODS, StartMethod
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.project import Project
from mp_lsp.engine.scan import candidates, witness_strings
from mp_lsp.engine.syntax import ModuleSyntax
from mp_lsp.engine.values import Site
from mp_lsp.settings import Settings
from tests.engine.conftest import Check, assert_expected


def test_joblib_loky_sends_lambdas_by_value_but_not_what_they_capture(check: Check) -> None:
    result = check("""
import threading
from joblib import Parallel, delayed, parallel_config
LOCK = threading.Lock()
def locked(x):
    with LOCK:
        return x
def main():
    Parallel(n_jobs=2)(delayed(lambda x: x + 1)(i) for i in range(4))
    Parallel(n_jobs=2)(delayed(locked)(i) for i in range(4))  # expect: MP006
    Parallel(2, "multiprocessing")(delayed(lambda x: x)(i) for i in range(4))  # expect: MP001
    Parallel(n_jobs=2, prefer="threads")(delayed(locked)(i) for i in range(4))
    Parallel()(delayed(locked)(i) for i in range(4))
    with parallel_config(backend="threading"):
        Parallel(n_jobs=2)(delayed(locked)(i) for i in range(4))
    with Parallel(n_jobs=2) as parallel:
        parallel(delayed(print)(i for i in range(3)) for _ in range(2))  # expect: MP006
if __name__ == "__main__":
    main()
""")
    assert_expected(result, check)
    captured = result.findings[0]
    assert "captures LOCK" in captured.message and "cloudpickle" in captured.message


def test_dataloader_sends_the_dataset_only_with_workers(check: Check) -> None:
    result = check("""
from torch.utils.data import DataLoader, Dataset
class Squares(Dataset):
    def __init__(self, n, transform):
        self.n, self.transform = n, transform
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        return self.transform(i)
class Lazy(Dataset):
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return (j for j in range(i))
def main():
    DataLoader(Squares(4, transform=lambda x: x * x), num_workers=2)  # expect: MP001
    DataLoader(Squares(4, transform=lambda x: x * x))
    DataLoader(Squares(4, transform=lambda x: x * x), num_workers=0)
    DataLoader(Squares(4, lambda x: x), num_workers=2, multiprocessing_context="fork")
    DataLoader(Lazy(), batch_size=None, num_workers=2,  # expect: MP009
               multiprocessing_context="fork")
if __name__ == "__main__":
    main()
""")
    assert_expected(result, check)
    transform, batches = result.findings
    assert transform.start_methods == PICKLING_START_METHODS
    assert ".transform" in transform.message
    assert batches.start_methods >= {StartMethod.FORK}


def test_dataloader_hover_names_the_serializer_and_the_import(check: Check) -> None:
    check("""
from torch.utils.data import DataLoader
def main(dataset):
    return DataLoader(dataset, collate_fn=lambda b: b, num_workers=4)
""")
    project = Project(check.root)
    explanation = explain_at(project, str(check.root / "main.py"), check.source, Settings(),
                             4, 14)
    assert explanation is not None
    text = explanation.markdown
    assert "DataLoader" in text and "PyTorch" in text
    # the import name is all there is to go on only where torch is not installed
    without_torch = importlib.util.find_spec("torch") is None
    assert ("import name alone (`torch.utils.data.DataLoader`)" in text) == without_torch


def test_multiprocess_and_pathos_use_dill(check: Check) -> None:
    result = check("""
import sqlite3, threading
from multiprocess import Pool
from pathos.pools import ProcessPool, ThreadPool
def main():
    lock = threading.Lock()
    with Pool(2) as pool:
        pool.map(lambda x: x, [1, 2])
        pool.map(print, [lock])
        pool.map(print, [(i for i in range(3))])  # expect: MP006
    ProcessPool(2).map(lambda x: x, [sqlite3.connect(":memory:")])  # expect: MP006
    ThreadPool(2).map(print, [(i for i in range(3))])
if __name__ == "__main__":
    main()
""")
    assert_expected(result, check)
    assert all("dill" in f.message for f in result.findings)


def test_ray_tasks_and_actors(check: Check) -> None:
    result = check("""
import threading
import ray
@ray.remote
def work(x):
    return x
@ray.remote
class Counter:
    def add(self, v):
        return v
def main():
    ray.get(work.remote(lambda y: y))
    ray.get(work.remote(threading.Lock()))  # expect: MP006
    counter = Counter.remote()
    counter.add.remote(i for i in range(3))  # expect: MP006
    ray.put(threading.Lock())  # expect: MP006
if __name__ == "__main__":
    main()
""")
    assert_expected(result, check)


def test_dask_process_scheduler_pickles_the_graph(check: Check) -> None:
    result = check("""
import threading
import dask
import dask.bag as db
from dask import delayed
def main():
    lock = threading.Lock()
    task = delayed(lambda x: x)(lock)  # expect: MP006
    dask.compute(task, scheduler="processes")
    dask.compute(task)
    db.from_sequence([1, 2]).map(lambda x: (i for i in range(x))).compute()  # expect: MP009
    db.from_sequence([1, 2]).map(lambda x: (i for i in range(x))).compute(scheduler="sync")
if __name__ == "__main__":
    main()
""")
    assert_expected(result, check)


def test_a_scheduler_chosen_in_the_call_is_read_before_the_receiver_is_typed(
    check: Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``.compute(scheduler="sync")`` sends nothing whatever computes, so its receiver is not
    typed (dask's own test suites hold hundreds); a context cannot override the call's own
    keyword, and ``"processes"`` still needs the receiver to be a dask collection."""
    typed: set[int] = set()  # the lines of main.py whose expressions were typed
    type_names = Inferencer.type_names

    def counted(self: Inferencer, site: Site, depth: int = 0) -> set[str]:
        if site.module.path.endswith("main.py"):
            typed.add(site.node.lineno)
        return type_names(self, site, depth)

    monkeypatch.setattr(Inferencer, "type_names", counted)
    source = """
import dask
import dask.bag as db
def main():
    bag = db.from_sequence([1, 2]).map(lambda x: (i for i in range(x)))  # expect: MP009
    with dask.config.set(scheduler="processes"):
        bag.compute(scheduler="sync")
        bag.persist(scheduler="threads")
    bag.compute(scheduler="processes")
if __name__ == "__main__":
    main()
"""
    result = check(source)
    assert_expected(result, check)
    lines = source.splitlines()
    assert lines[6].strip().startswith('bag.compute(scheduler="sync")')
    assert 7 not in typed and 8 not in typed and 9 in typed, sorted(typed)


def test_torch_spawn_pickles_under_any_default(check: Check) -> None:
    result = check("""
import torch.multiprocessing as mp
def main():
    mp.spawn(lambda rank: rank, nprocs=2)  # expect: MP001
if __name__ == "__main__":
    main()
""", start_method="fork")
    assert_expected(result, check)


def test_a_global_only_the_main_guard_defines(check: Check) -> None:
    """Found by name (pickle) or sent by value with dill, a function of the script runs with
    the worker's ``__main__``, which under spawn lacks what the guard defines; cloudpickle sends
    the global along."""
    result = check("""
import multiprocessing
import multiprocess
from joblib import Parallel, delayed
def lookup(key):
    return TABLE[key]
if __name__ == "__main__":
    TABLE = {"a": 1}
    with multiprocessing.Pool(2) as pool:
        pool.map(lookup, ["a"])  # expect: MP013
    with multiprocess.Pool(2) as pool:
        pool.map(lambda k: TABLE[k], ["a"])  # expect: MP013
    Parallel(n_jobs=2)(delayed(lookup)(k) for k in ["a"])
""")
    assert_expected(result, check)
    assert all(f.start_methods == PICKLING_START_METHODS for f in result.findings)


def test_a_reducing_method_that_always_raises(check: Check) -> None:
    result = check('''
from torch.utils.data import DataLoader, Dataset
class Handle:
    def __getstate__(self):
        raise TypeError("handles cannot be pickled")
class Images(Dataset):
    def __init__(self):
        self.file = Handle()
    def __getitem__(self, i):
        return i
    def __len__(self):
        return 2
def main():
    DataLoader(Images(), num_workers=2)  # expect: MP006
if __name__ == "__main__":
    main()
''')
    assert_expected(result, check)
    assert "Handle.__getstate__" in result.findings[0].message or (
        "handles cannot be pickled" in result.findings[0].message)


def test_a_sink_inside_a_lambda(check: Check) -> None:
    """The scheduler's settings are looked for around the call: a lambda's body is no list of
    statements (this crashed on dask's own tests)."""
    result = check("""
import threading
import dask
run = lambda: dask.compute(dask.delayed(print)(threading.RLock()),  # expect: MP006
                           scheduler="processes")
""")
    assert_expected(result, check)


def test_a_function_sink_is_a_module_function_not_a_method_of_a_value() -> None:
    """``dask.compute(x)``, ``compute(x)`` and ``ray.put(x)`` may be function sinks;
    ``array.compute()`` and ``queue.put(x)`` are methods, resolved as method candidates only
    (resolving them again as functions cost dask's test files a quarter of their time)."""
    source = """
import dask
import dask.array as da
import ray
from dask import compute
from . import helpers
array = da.ones(3)
array.compute()
dask.compute(array)
da.compute(array)
compute(array)
helpers.compute(array)
ray.put(array)
queue.put(array)
self.runner.compute()
"""
    module = ModuleSyntax("m.py", source)
    found = candidates(module, witness_strings(source))
    functions = sorted(c.node.lineno for c in found if c.method is None)
    methods = sorted(c.node.lineno for c in found if c.method)
    assert functions == [9, 10, 11, 12, 13]
    assert methods == [8, 9, 10, 12, 15]
