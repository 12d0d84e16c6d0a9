"""The sink table: which calls send which of their parameters to another process, and when.

This is data, not logic. Each row names the classes a receiver may be (as jedi reports them),
the method (or ``None`` for the constructor), and for each pickled parameter how it is sent:
whole, each item of an iterable, each element of an ``args`` tuple, and so on. The names the
process APIs are known by (modules, manager classes, thread look-alikes) live here too.
"""

from __future__ import annotations

import ast
import enum
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Mapping, NamedTuple, Optional, Union

from mp_lsp.engine.findings import ALL_START_METHODS, PICKLING_START_METHODS, StartMethod
from mp_lsp.engine.knowledge.serializers import Serializer
from mp_lsp.engine.syntax import call_argument, keyword_arguments, string_constant


class Sent(enum.Enum):
    """How a parameter's value crosses the boundary."""

    WHOLE = "whole"  # the value itself is pickled
    EACH_ITEM = "each item"  # each item of the iterable (not the iterable) is pickled
    EACH_ELEMENT = "each element"  # an ``args`` tuple: each element is pickled
    EACH_VALUE = "each value"  # a ``kwargs`` dict: each value is pickled
    REST_POSITIONAL = "rest positional"  # ``*args`` of submit: every further positional
    REST_KEYWORD = "rest keyword"  # ``**kwargs`` of submit: every further keyword
    REST_ITERABLES = "rest iterables"  # ``*iterables`` of Executor.map: each item of each


    RECEIVER = "receiver"  # the object the method is called on (``f`` of ``f.remote()``)
    DELAYED_CALLS = "delayed calls"  # joblib: each item is ``delayed(f)(*args, **kwargs)``
    GRAPH = "graph"  # dask: the functions and data of the task graph a collection stands for
    #: ``BaseManager.start()``: what ``register()`` put in the registry of the receiver's class
    #: (its callables and proxy types), which the manager's server process is started with
    REGISTRY = "registry"


class Role(enum.Enum):
    FUNCTION = "function"  # runs in the child; its results may come back pickled
    DATA = "data"


#: What a hover says of each serializer: why it matters which one runs.
SERIALIZER_NOTES: dict[Serializer, str] = {
    Serializer.PICKLE: "Serializer: the standard pickle, which sends functions and classes by "
    "name: lambdas, closures and local or `__main__`-guard definitions cannot cross.",
    Serializer.CLOUDPICKLE: "Serializer: cloudpickle, which sends lambdas, closures and "
    "`__main__` definitions by value, with the variables they use: those must cross too "
    "(a lock or a file opened for writing does not).",
    Serializer.LOKY: "Serializer: loky's cloudpickle (joblib's default backend): lambdas, "
    "closures and `__main__` definitions cross by value, with the variables they use; locks, "
    "generators and connections do not.",
    Serializer.DILL: "Serializer: dill (with multiprocessing's reducers, through multiprocess), "
    "which sends lambdas, closures and `__main__` definitions by value, and makes new locks "
    "and reopened files in the worker; generators and database connections do not cross.",
    Serializer.TORCH: "Serializer: the standard pickle with PyTorch's reductions (tensors go "
    "through shared memory): lambdas, closures and local definitions cannot cross.",
}


@dataclass(frozen=True)
class Backends:
    """A sink whose serializer a setting chooses: joblib's ``backend``, dask's ``scheduler``.

    ``choices`` maps the setting's value to its serializer, ``None`` for one that runs in this
    process (threads, sequential) and sends nothing. The setting is read from the call (or from
    the call that made the receiver, ``on_creation``), else from an enclosing ``with`` (or an
    earlier statement) calling one of ``contexts``, matched by the end of the dotted name
    (``parallel_config(backend=...)``, ``dask.config.set(...)``), else ``default`` holds.
    """

    keyword: str
    position: Optional[int]
    choices: tuple[tuple[str, Optional[Serializer]], ...]
    default: Optional[Serializer]
    contexts: frozenset[str] = frozenset()
    #: Keyword values that keep the work in this process whatever the backend
    #: (``n_jobs=1``, ``prefer="threads"``, ``processes=False``).
    in_process: tuple[tuple[str, object], ...] = ()
    on_creation: bool = False
    #: The settings the call may give by position (``Parallel(4, "threading")``).
    positions: tuple[str, ...] = ()

    def choice(self, value: str) -> Optional[Serializer]:
        """What a setting's value pickles with: ``None`` for one that runs in this process,
        and for one the table does not know (a backend of its own: say nothing rather than
        guess)."""
        for name, serializer in self.choices:
            if name == value:
                return serializer
        return None

    def given_in_process(self, settings: Mapping[str, ast.expr]) -> bool:
        """Whether the settings give an :attr:`in_process` keyword its value (``n_jobs=1``)."""
        for keyword, value in self.in_process:
            given = settings.get(keyword)
            if value is not None and isinstance(given, ast.Constant) and given.value == value:
                return True
        return False

    def call_sends_nothing(self, call: ast.Call) -> bool:
        """Whether the call's own keywords, which win over every context, keep the work in
        this process (an in-process keyword, a setting that sends nothing). Read before the
        receiver is typed: whatever it is, the call is then no sink."""
        if self.on_creation:
            return False  # the settings are the receiver's creation call's
        given = keyword_arguments(call)
        chosen = string_constant(given.get(self.keyword))
        return self.given_in_process(given) or (chosen is not None and self.choice(chosen) is None)


@dataclass(frozen=True)
class PickledParam:
    name: str
    #: Index among positional arguments (``self`` excluded), ``None`` when keyword-only.
    position: Optional[int]
    sent: Sent
    role: Role = Role.DATA
    when: frozenset[StartMethod] = ALL_START_METHODS
    #: A FUNCTION's return value comes back pickled (not ``worker_init_fn``'s).
    returns: bool = True
    #: ...after an iterator it returns is made a list (the functions of a dask bag's steps).
    lists_iterators: bool = False
    #: Each item is the arguments of one call of the function (``starmap``'s tuples).
    unpacked: bool = False


@dataclass(frozen=True)
class SinkSpec:
    """One API that sends values to another process."""

    api: str  # what users read, e.g. "Pool.map"
    owners: frozenset[str]  # fully qualified classes the receiver may be
    method: Optional[str]  # None: the constructor of an owner
    params: tuple[PickledParam, ...]
    #: Results of the FUNCTION parameter come back to the parent pickled.
    results_pickled: bool = False
    #: multiprocessing locks, queues and shared values are refused here ("inheritance only").
    refuses_shared_primitives: bool = True
    #: One sentence for hovers: how values cross the boundary.
    summary: str = ""
    #: The receiver itself is pickled (``start()`` of a ``Process`` subclass), not arguments.
    pickles_receiver: bool = False
    #: Only a workspace subclass of an owner is this sink (a plain ``Process().start()`` sends
    #: nothing: its constructor was the sink).
    subclass_only: bool = False
    #: A workspace subclass of an owner is this sink too (``class JobManager(BaseManager)``).
    subclasses: bool = False
    #: The call is a sink only when the argument at this position is an owner
    #: (``loop.run_in_executor(executor, ...)`` with a process pool); the receiver is ignored.
    owner_argument: Optional[int] = None
    #: Resolving the call starts worker processes (what MP008 looks for at import time).
    starts_processes: bool = False
    #: What pickles the values, unless ``backends`` chooses it per call.
    serializer: Serializer = Serializer.PICKLE
    backends: Optional[Backends] = None
    #: The family the docs page of the sink is about (``docs/frameworks/<framework>.md``).
    framework: str = "multiprocessing"
    #: The sink sends only when this argument (name, position) is given and not ``0``: a
    #: ``DataLoader`` without ``num_workers`` loads in this process.
    workers: Optional[tuple[str, int]] = None
    #: The DATA parameter whose ``__getitem__`` results come back pickled (a ``DataLoader``'s
    #: dataset), unless a FUNCTION parameter (``collate_fn``) makes the results instead.
    item_results: Optional[str] = None
    #: ``owners`` are functions that are called (``torch.multiprocessing.spawn``,
    #: ``dask.compute``), not classes whose instances receive the call.
    function_sink: bool = False
    #: The keyword (and position) that picks the start method (``multiprocessing_context``,
    #: ``start_method``: a name or a ``get_context()``), and the one that holds without it.
    context_keyword: Optional[tuple[str, Optional[int]]] = None
    default_start_method: Optional[StartMethod] = None


POOL = frozenset({"multiprocessing.pool.Pool"})
EXECUTOR = frozenset({"concurrent.futures.process.ProcessPoolExecutor"})
PROCESS = frozenset(
    {
        "multiprocessing.process.BaseProcess",
        "multiprocessing.context.Process",
        "multiprocessing.context.SpawnProcess",
        "multiprocessing.context.ForkProcess",
        "multiprocessing.context.ForkServerProcess",
        "multiprocessing.Process",
    }
)
QUEUES = frozenset(
    {
        "multiprocessing.queues.Queue",
        "multiprocessing.queues.JoinableQueue",
        "multiprocessing.queues.SimpleQueue",
    }
)
CONNECTIONS = frozenset(
    {
        "multiprocessing.connection.Connection",
        "multiprocessing.connection._ConnectionBase",
        "multiprocessing.connection.PipeConnection",
    }
)
#: How inference names what a manager method returns (``manager.dict()`` → ``<prefix>dict``):
#: a proxy, whatever typeshed's stub says.
MANAGER_PROXY_PREFIX = "multiprocessing.managers.SyncManager."
_PROXY = MANAGER_PROXY_PREFIX
MANAGED_DICTS = frozenset({"multiprocessing.managers.DictProxy", f"{_PROXY}dict"})
MANAGED_LISTS = frozenset({"multiprocessing.managers.ListProxy", f"{_PROXY}list"})
MANAGED_QUEUES = frozenset({f"{_PROXY}Queue", f"{_PROXY}JoinableQueue"})
MANAGED_NAMESPACES = frozenset({"multiprocessing.managers.NamespaceProxy", f"{_PROXY}Namespace"})
#: Classes that look like sinks but run in this process. Resolving to one ends the analysis.
NOT_SINKS = frozenset(
    {
        "multiprocessing.pool.ThreadPool",
        "multiprocessing.dummy.Pool",
        "concurrent.futures.thread.ThreadPoolExecutor",
        "concurrent.futures._base.Executor",
        "queue.Queue",
        "queue.SimpleQueue",
        "asyncio.queues.Queue",
        "multiprocess.pool.ThreadPool",
        "multiprocess.dummy.Pool",
        "pathos.pools.ThreadPool",
        "pathos.threading.ThreadPool",
        "pathos.pools.SerialPool",
        "pathos.serial.SerialPool",
    }
)

#: The classes of ``multiprocessing.Manager()`` objects: their factory methods make proxies,
#: and their ``start()`` (or ``with``) starts a server process.
MANAGER_CLASSES = frozenset(
    {"multiprocessing.managers.SyncManager", "multiprocessing.managers.BaseManager"}
)
_REGISTRY = PickledParam("registry", position=None, sent=Sent.REGISTRY, role=Role.FUNCTION,
                         when=PICKLING_START_METHODS, returns=False)
_MANAGER_SUMMARY = (
    "under spawn/forkserver pickles the registry of its class (each callable and proxy type "
    "`register()` put there) to start the manager's server process"
)
_FUNC = PickledParam("func", position=0, sent=Sent.WHOLE, role=Role.FUNCTION)
_ITERABLE = PickledParam("iterable", position=1, sent=Sent.EACH_ITEM)
_ARGS = PickledParam("args", position=1, sent=Sent.EACH_ELEMENT)
_KWDS = PickledParam("kwds", position=2, sent=Sent.EACH_VALUE)
_FN = PickledParam("fn", position=0, sent=Sent.WHOLE, role=Role.FUNCTION)
_MAP_SUMMARY = (
    "pickles `{func}` once per chunk and each item of `{iterable}`; results are pickled back"
)
_APPLY_SUMMARY = "pickles `{func}` and each of `args`/`kwds`; the result is pickled back"
_INIT_SUMMARY = (
    "under spawn/forkserver pickles `initializer` and `initargs` for every worker it starts"
)


def _pool_map(method: str) -> SinkSpec:
    iterable = replace(_ITERABLE, unpacked=True) if method.startswith("starmap") else _ITERABLE
    return SinkSpec(
        f"Pool.{method}", POOL, method, (_FUNC, iterable), results_pickled=True,
        summary=_MAP_SUMMARY, starts_processes=True,
    )


def _pool_apply(method: str) -> SinkSpec:
    return SinkSpec(
        f"Pool.{method}", POOL, method, (_FUNC, _ARGS, _KWDS), results_pickled=True,
        summary=_APPLY_SUMMARY, starts_processes=True,
    )


def _task(
    api: str, method: str, params: tuple[PickledParam, ...], summary: str, **flags: object
) -> SinkSpec:
    """An executor call whose function runs in a worker: its result is pickled back."""
    return SinkSpec(
        api, EXECUTOR, method, params, results_pickled=True, summary=summary,
        **flags,  # type: ignore[arg-type]
    )


def _initializer(
    api: str, owners: frozenset[str], init_pos: int, *, starts_processes: bool
) -> SinkSpec:
    return SinkSpec(
        api,
        owners,
        None,
        (
            PickledParam("initializer", position=init_pos, sent=Sent.WHOLE,
                         role=Role.FUNCTION, when=PICKLING_START_METHODS),
            PickledParam("initargs", position=init_pos + 1, sent=Sent.EACH_ELEMENT,
                         when=PICKLING_START_METHODS),
        ),
        refuses_shared_primitives=False,
        summary=_INIT_SUMMARY,
        starts_processes=starts_processes,
    )


def _put(api: str, owners: frozenset[str], method: str, value: str = "obj") -> SinkSpec:
    return SinkSpec(
        api,
        owners,
        method,
        (PickledParam(value, position=0, sent=Sent.WHOLE),),
        summary=f"pickles `{value}` and sends it to whichever process reads it",
    )


_STDLIB: tuple[SinkSpec, ...] = (
    *(_pool_map(m) for m in ("map", "map_async", "imap", "imap_unordered", "starmap",
                             "starmap_async")),
    *(_pool_apply(m) for m in ("apply", "apply_async")),
    _initializer("Pool", POOL, 1, starts_processes=True),
    _task(
        "ProcessPoolExecutor.submit", "submit",
        (_FN, PickledParam("args", position=1, sent=Sent.REST_POSITIONAL),
         PickledParam("kwargs", position=None, sent=Sent.REST_KEYWORD)),
        "pickles `{func}` and every argument; the result is pickled back",
        starts_processes=True,
    ),
    _task(
        "ProcessPoolExecutor.map", "map",
        (_FN, PickledParam("iterables", position=1, sent=Sent.REST_ITERABLES)),
        "pickles `{func}` once per chunk and each item of the iterables; results are pickled "
        "back",
        starts_processes=True,
    ),
    # An executor starts its workers at the first submit, not when it is made.
    _initializer("ProcessPoolExecutor", EXECUTOR, 2, starts_processes=False),
    SinkSpec(
        "Process",
        PROCESS,
        None,
        (
            PickledParam("target", position=1, sent=Sent.WHOLE, role=Role.FUNCTION,
                         when=PICKLING_START_METHODS),
            PickledParam("args", position=3, sent=Sent.EACH_ELEMENT, when=PICKLING_START_METHODS),
            PickledParam("kwargs", position=4, sent=Sent.EACH_VALUE, when=PICKLING_START_METHODS),
        ),
        refuses_shared_primitives=False,
        summary="under spawn/forkserver pickles `target`, `args` and `kwargs` when the "
        "process starts; under fork nothing is pickled",
        starts_processes=True,
    ),
    _put("Queue.put", QUEUES | MANAGED_QUEUES, "put"),
    _put("Queue.put_nowait", QUEUES | MANAGED_QUEUES, "put_nowait"),
    _put("Connection.send", CONNECTIONS, "send"),
    _put("DictProxy.__setitem__", MANAGED_DICTS, "__setitem__", "value"),
    _put("DictProxy.setdefault", MANAGED_DICTS, "setdefault", "default"),
    _put("ListProxy.append", MANAGED_LISTS, "append"),
    _put("Namespace.__setattr__", MANAGED_NAMESPACES, "__setattr__", "value"),
    SinkSpec(
        "ListProxy.extend",
        MANAGED_LISTS,
        "extend",
        (PickledParam("iterable", position=0, sent=Sent.EACH_ITEM),),
        summary="pickles each item of `iterable` into the manager process",
    ),
    # ``loop.run_in_executor(executor, func, *args)`` sends only when ``executor`` is a
    # process pool.
    _task(
        "run_in_executor", "run_in_executor",
        (PickledParam("func", position=1, sent=Sent.WHOLE, role=Role.FUNCTION),
         PickledParam("args", position=2, sent=Sent.REST_POSITIONAL)),
        "with a ProcessPoolExecutor, pickles `func` and its arguments; the result is pickled "
        "back",
        owner_argument=0,
    ),
    # The start() of a Process subclass pickles the whole object under spawn/forkserver.
    SinkSpec(
        "Process.start",
        PROCESS,
        "start",
        (),
        refuses_shared_primitives=False,
        summary="under spawn/forkserver pickles the whole process object, attributes included",
        pickles_receiver=True,
        subclass_only=True,
        starts_processes=True,
    ),
    SinkSpec(
        "BaseManager.start",
        MANAGER_CLASSES,
        "start",
        (_REGISTRY,
         PickledParam("initializer", position=0, sent=Sent.WHOLE, role=Role.FUNCTION,
                      when=PICKLING_START_METHODS, returns=False),
         PickledParam("initargs", position=1, sent=Sent.EACH_ELEMENT,
                      when=PICKLING_START_METHODS)),
        refuses_shared_primitives=False,
        summary=_MANAGER_SUMMARY + ", with `initializer` and `initargs`",
        subclasses=True,
        starts_processes=True,
    ),
    SinkSpec(
        "BaseManager.__enter__",
        MANAGER_CLASSES,
        "__enter__",
        (_REGISTRY,),
        refuses_shared_primitives=False,
        summary=_MANAGER_SUMMARY + " (`with` starts a manager that is not running yet)",
        subclasses=True,
        starts_processes=True,
    ),
)

def _family(package: str, serializer: Serializer, framework: str) -> tuple[SinkSpec, ...]:
    """The multiprocessing sinks of a drop-in fork of it (``multiprocess``, which uses dill):
    the same APIs under the fork's package name, with its serializer."""
    rows = []
    for spec in _STDLIB:
        owners = frozenset(
            f"{package}{owner.removeprefix('multiprocessing')}"
            for owner in spec.owners if owner.startswith("multiprocessing.")
        )
        if owners:
            rows.append(replace(spec, owners=owners, serializer=serializer, framework=framework))
    return tuple(rows)


_CLOUDPICKLE_SUMMARY = (
    "sends `{func}` and its arguments with cloudpickle: lambdas, closures and `__main__` "
    "definitions go by value, with the variables they use; results are pickled back"
)
_DILL_SUMMARY = (
    "sends `{func}` and each item with dill (through multiprocess): lambdas, closures, locks "
    "and open files cross; generators and database connections do not"
)
LOKY_EXECUTORS = frozenset({
    "loky.reusable_executor._ReusablePoolExecutor", "loky.process_executor.ProcessPoolExecutor",
    "joblib.externals.loky.reusable_executor._ReusablePoolExecutor",
    "joblib.externals.loky.process_executor.ProcessPoolExecutor",
})
PARALLEL = frozenset({"joblib.parallel.Parallel", "joblib.Parallel",
                      "sklearn.utils.parallel.Parallel"})
PATHOS_POOLS = frozenset({
    "pathos.multiprocessing.ProcessPool", "pathos.multiprocessing.ProcessingPool",
    "pathos.pools.ProcessPool", "pathos.pools.ProcessingPool", "pathos.pools.ParallelPool",
    "pathos.parallel.ParallelPool", "pathos.pp.ParallelPool", "pathos.ProcessPool",
    "pathos.ParallelPool",
})
DATALOADERS = frozenset({"torch.utils.data.dataloader.DataLoader",
                         "torch.utils.data.DataLoader"})
CLIENTS = frozenset({"distributed.client.Client", "distributed.Client",
                     "dask.distributed.Client"})
#: joblib's backends: loky (the default) pickles with cloudpickle through loky's pickler,
#: ``multiprocessing`` with the standard pickler; threads and ``n_jobs=1`` send nothing.
JOBLIB_BACKENDS = Backends(
    keyword="backend", position=None,
    choices=(("loky", Serializer.LOKY), ("multiprocessing", Serializer.PICKLE),
             ("threading", None), ("sequential", None)),
    default=Serializer.LOKY,
    contexts=frozenset({"parallel_config", "parallel_backend"}),
    in_process=(("n_jobs", 1), ("n_jobs", None), ("prefer", "threads"),
                ("require", "sharedmem")),
    on_creation=True,
    positions=("n_jobs", "backend"),
)
#: dask's schedulers: the process scheduler pickles the graph with cloudpickle; threads and
#: the synchronous scheduler run it here. The default depends on the collection (a bag's is
#: processes), which :data:`BAG_PACKAGE` tells.
DASK_SCHEDULERS = Backends(
    keyword="scheduler", position=None,
    choices=(("processes", Serializer.CLOUDPICKLE), ("multiprocessing", Serializer.CLOUDPICKLE),
             ("threads", None), ("threading", None), ("sync", None), ("synchronous", None),
             ("single-threaded", None)),
    default=None,
    contexts=frozenset({"config.set"}),  # ``with dask.config.set(scheduler=...)``
)
#: The package whose functions make dask bags (``from_sequence``, ``read_text``, ``range``...)
#: and whose classes are bags: a bag's default scheduler is the process one.
BAG_PACKAGE = "dask.bag."
_DASK_SUMMARY = (
    "with the process scheduler, pickles the task graph (its functions and data) with "
    "cloudpickle; results are pickled back"
)
_RAY_TASK_PARAMS = (
    # a task that returns (or is) a generator has its items stored, not the generator
    PickledParam("function", position=None, sent=Sent.RECEIVER, role=Role.FUNCTION,
                 lists_iterators=True),
    PickledParam("args", position=0, sent=Sent.REST_POSITIONAL),
    PickledParam("kwargs", position=None, sent=Sent.REST_KEYWORD),
)
_RAY = {"serializer": Serializer.CLOUDPICKLE, "framework": "ray"}
RAY_TASK = SinkSpec(
    "ray task .remote()", frozenset({"ray.remote"}), "remote", _RAY_TASK_PARAMS,
    results_pickled=True, refuses_shared_primitives=True,
    summary="sends the function (by value when it is not importable) and each argument "
    "with ray's cloudpickle; the result is pickled back", **_RAY,  # type: ignore[arg-type]
)
RAY_ACTOR = SinkSpec(
    "ray actor .remote()", frozenset({"ray.remote"}), "remote",
    (PickledParam("class", position=None, sent=Sent.RECEIVER),
     *_RAY_TASK_PARAMS[1:]),
    summary="sends the actor class and each constructor argument with ray's cloudpickle",
    **_RAY,  # type: ignore[arg-type]
)
RAY_METHOD = SinkSpec(
    "ray actor method .remote()", frozenset({"ray.remote"}), "remote", _RAY_TASK_PARAMS[1:],
    results_pickled=True,
    summary="sends each argument to the actor's process with ray's cloudpickle; the result "
    "is pickled back", **_RAY,  # type: ignore[arg-type]
)
_TORCH_WORKERS = PICKLING_START_METHODS

_FRAMEWORKS: tuple[SinkSpec, ...] = (
    *_family("multiprocess", Serializer.DILL, "dill"),
    # joblib: ``Parallel(n_jobs=4)(delayed(f)(x) for x in xs)``
    SinkSpec(
        "Parallel", PARALLEL, "__call__",
        (PickledParam("iterable", position=0, sent=Sent.DELAYED_CALLS, role=Role.FUNCTION),),
        results_pickled=True, summary="sends each `delayed(f)(...)` call's function and "
        "arguments to the workers; results are pickled back", serializer=Serializer.LOKY,
        backends=JOBLIB_BACKENDS, framework="joblib", starts_processes=True,
    ),
    *(replace(spec, owners=LOKY_EXECUTORS, serializer=Serializer.LOKY, framework="joblib",
              api=spec.api.replace("ProcessPoolExecutor", "loky executor"))
      for spec in _STDLIB if spec.owners == EXECUTOR and spec.method),
    # pathos: ``ProcessPool().map(f, xs, ys)``, ``.pipe(f, *args)``
    *(SinkSpec(f"ProcessPool.{m}", PATHOS_POOLS, m,
               (_FUNC, PickledParam("iterables", position=1, sent=Sent.REST_ITERABLES)),
               results_pickled=True, summary=_DILL_SUMMARY, serializer=Serializer.DILL,
               framework="dill", starts_processes=True)
      for m in ("map", "amap", "imap", "uimap", "smap", "asmap")),
    *(SinkSpec(f"ProcessPool.{m}", PATHOS_POOLS, m,
               (_FUNC, PickledParam("args", position=1, sent=Sent.REST_POSITIONAL),
                PickledParam("kwds", position=None, sent=Sent.REST_KEYWORD)),
               results_pickled=True, summary=_DILL_SUMMARY, serializer=Serializer.DILL,
               framework="dill", starts_processes=True)
      for m in ("pipe", "apipe")),
    # PyTorch: each worker is a ``Process(target=_worker_loop, args=(..., dataset, ...,
    # collate_fn, ..., worker_init_fn, ...))``, so those cross when it starts (spawn,
    # forkserver); the sampler stays here and sends indices. Every batch comes back pickled.
    SinkSpec(
        "DataLoader", DATALOADERS, None,
        (PickledParam("dataset", position=0, sent=Sent.WHOLE, when=_TORCH_WORKERS),
         PickledParam("collate_fn", position=6, sent=Sent.WHOLE, role=Role.FUNCTION,
                      when=_TORCH_WORKERS),
         PickledParam("worker_init_fn", position=10, sent=Sent.WHOLE, role=Role.FUNCTION,
                      when=_TORCH_WORKERS, returns=False)),
        results_pickled=True, refuses_shared_primitives=False,
        summary="with `num_workers` > 0, pickles the dataset (its transforms too), "
        "`collate_fn` and `worker_init_fn` for each worker under spawn/forkserver (the sampler "
        "stays in this process); every batch a worker makes is pickled back under any start "
        "method",
        serializer=Serializer.TORCH, framework="torch", workers=("num_workers", 5),
        item_results="dataset", context_keyword=("multiprocessing_context", 11),
    ),
    SinkSpec(
        "torch.multiprocessing.spawn",
        frozenset({"torch.multiprocessing.spawn", "torch.multiprocessing.spawn.spawn",
                   "torch.multiprocessing.start_processes",
                   "torch.multiprocessing.spawn.start_processes"}),
        None,
        (PickledParam("fn", position=0, sent=Sent.WHOLE, role=Role.FUNCTION, returns=False),
         PickledParam("args", position=1, sent=Sent.EACH_ELEMENT)),
        refuses_shared_primitives=False,
        summary="starts `nprocs` processes with the spawn start method and pickles `fn` and "
        "`args` for each", serializer=Serializer.TORCH, framework="torch",
        starts_processes=True, function_sink=True, context_keyword=("start_method", 5),
        default_start_method=StartMethod.SPAWN,
    ),
    # dask: the process scheduler pickles the graph when it computes
    SinkSpec(
        "dask.compute", frozenset({"dask.compute", "dask.base.compute"}), None,
        (PickledParam("args", position=0, sent=Sent.GRAPH),), results_pickled=True,
        summary=_DASK_SUMMARY, serializer=Serializer.CLOUDPICKLE, backends=DASK_SCHEDULERS,
        framework="dask", function_sink=True,
    ),
    *(SinkSpec(
        f"dask collection .{m}()", frozenset({"dask.collection"}), m,
        (PickledParam("collection", position=None, sent=Sent.GRAPH),), results_pickled=True,
        summary=_DASK_SUMMARY, serializer=Serializer.CLOUDPICKLE, backends=DASK_SCHEDULERS,
        framework="dask",
    ) for m in ("compute", "persist")),
    SinkSpec(
        "Client.submit", CLIENTS, "submit",
        (_FN, PickledParam("args", position=1, sent=Sent.REST_POSITIONAL),
         PickledParam("kwargs", position=None, sent=Sent.REST_KEYWORD)),
        results_pickled=True, summary=_CLOUDPICKLE_SUMMARY.format(func="{func}"),
        serializer=Serializer.CLOUDPICKLE, framework="dask",
        backends=Backends("processes", None, (), Serializer.CLOUDPICKLE,
                          in_process=(("processes", False),), on_creation=True),
    ),
    SinkSpec(
        "Client.map", CLIENTS, "map",
        (_FN, PickledParam("iterables", position=1, sent=Sent.REST_ITERABLES)),
        results_pickled=True, summary=_CLOUDPICKLE_SUMMARY.format(func="{func}"),
        serializer=Serializer.CLOUDPICKLE, framework="dask",
        backends=Backends("processes", None, (), Serializer.CLOUDPICKLE,
                          in_process=(("processes", False),), on_creation=True),
    ),
    # ray: decorated functions and actors (resolved by their decorator), ``ray.put``
    RAY_TASK, RAY_ACTOR, RAY_METHOD,
    SinkSpec(
        "ray.put", frozenset({"ray.put", "ray._private.worker.put"}), None,
        (PickledParam("value", position=0, sent=Sent.WHOLE),),
        summary="pickles `value` into ray's object store with ray's cloudpickle",
        function_sink=True, **_RAY,  # type: ignore[arg-type]
    ),
)

SINKS: tuple[SinkSpec, ...] = (*_STDLIB, *_FRAMEWORKS)
#: What a factory function (or a re-export jedi cannot follow) makes: a receiver made by one
#: of these calls is an instance of the class named (``get_reusable_executor()``).
#: multiprocessing's factories and the classes they make (``multiprocessing.Pool`` is a
#: context's bound method, which jedi cannot always follow through a fork of the package).
_FACTORIES = (("Pool", "pool.Pool"), ("Process", "context.Process"), ("Queue", "queues.Queue"),
              ("JoinableQueue", "queues.JoinableQueue"), ("SimpleQueue", "queues.SimpleQueue"))
MADE_BY: dict[str, str] = {
    "loky.get_reusable_executor": "loky.reusable_executor._ReusablePoolExecutor",
    "joblib.externals.loky.get_reusable_executor":
        "loky.reusable_executor._ReusablePoolExecutor",
    "loky.ProcessPoolExecutor": "loky.process_executor.ProcessPoolExecutor",
    **{f"multiprocess.{name}": f"multiprocess.{made}" for name, made in _FACTORIES},
    # torch.multiprocessing is multiprocessing itself (with its reductions registered)
    **{f"torch.multiprocessing.{name}": f"multiprocessing.{made}" for name, made in _FACTORIES},
}

#: A witness of an API in a module's text: a string that must appear, or strings that must
#: all appear (``Manager()`` and ``.list(``: a manager *and* the call that makes a list proxy).
Witness = Union[str, tuple[str, ...]]
#: Manager proxies: their mutating methods send to the manager's process. A proxy is made by a
#: manager (``Manager()``, ``SyncManager(address=...)``) through its factory (``.list()``) or
#: a registered proxy type; the manager's name alone would take in every ``PoolManager()``.
_LIST_PROXY: tuple[Witness, ...] = (("Manager(", ".list("), ("Manager", "ListProxy"))
_DICT_PROXY: tuple[Witness, ...] = (("Manager(", ".dict("), ("Manager", "DictProxy"))
#: Method names that make a call worth resolving (the cheap syntactic filter), each with the
#: names of the APIs that make such a receiver. A call is only resolved when one of those
#: witnesses appears in the module or in a workspace module it imports: ``sock.send()`` in a
#: file that never mentions ``Pipe``/``Connection`` cannot be ``Connection.send``.
CANDIDATE_METHODS: dict[str, tuple[Witness, ...]] = {
    **{m: ("Pool", "Executor", "get_reusable_executor", "Client(")
       for m in ("map", "map_async", "imap", "imap_unordered", "starmap", "starmap_async",
                 "apply", "apply_async")},
    "submit": ("Executor", "get_reusable_executor", "Client("),
    **{m: ("Pool",) for m in ("amap", "uimap", "smap", "asmap", "pipe", "apipe")},
    "__call__": ("Parallel",),  # ``Parallel(...)(...)`` and ``parallel(...)``
    "remote": ("ray",),
    **{m: ("dask",) for m in ("compute", "persist")},
    "put": ("Queue",),
    "put_nowait": ("Queue",),
    "send": ("Pipe(", "Listener(", "Client(", "Connection"),
    # only a Process subclass's start() is a sink, and a manager's (a custom manager is a
    # subclass: the name of its base is in its module, or in the one it is imported from)
    "start": ("Process):", "Process, ", "BaseManager", "SyncManager"),
    "__enter__": ("BaseManager", "SyncManager"),  # ``with JobManager() as manager:``
    "run_in_executor": ("ProcessPoolExecutor",),
    "append": _LIST_PROXY,
    "extend": _LIST_PROXY,
    "setdefault": _DICT_PROXY,
    "__setitem__": _DICT_PROXY + _LIST_PROXY,
    "__setattr__": ("Namespace(",),
}
assert {s.method for s in SINKS if s.method} <= CANDIDATE_METHODS.keys()
#: Call names that may construct a sink owner (the last part of the dotted name).
CANDIDATE_CONSTRUCTORS = frozenset({"Pool", "ProcessPoolExecutor", "Process", "DataLoader"})
#: Functions that send what they are given (``torch.multiprocessing.spawn(fn, args)``), each
#: with the names that must appear in the module's context for a call of that name to be one.
CANDIDATE_FUNCTIONS: dict[str, tuple[Witness, ...]] = {
    "spawn": ("torch",), "start_processes": ("torch",), "compute": ("dask",), "put": ("ray",),
}
#: Calls that start a process though they send nothing: ``Manager()`` starts its server.
PROCESS_STARTING_CALLS = frozenset({"Manager"})

#: The packages of the process APIs: a module that imports none of them (directly or through
#: a workspace module) cannot send anything to another process.
PROCESS_PACKAGES = ("multiprocessing", "concurrent", "multiprocess", "pathos", "joblib", "loky",
                    "torch", "dask", "distributed", "ray")
#: An import of a process API, as the cheap pre-scan looks for it in other files' text.
PROCESS_IMPORT = re.compile(
    r"^[ \t]*(?:from|import)[ \t]+(?:" + "|".join(PROCESS_PACKAGES) + r")\b", re.M
)
#: What typeshed says ``manager.Lock()``, ``manager.Queue()``... return (a proxy in reality).
PROXY_STUBS = frozenset(
    {"queue.Queue", "_thread.LockType", "_thread.RLock", "threading.Event", "threading.Condition",
     "threading.Semaphore", "threading.BoundedSemaphore", "threading.Barrier", "builtins.dict",
     "builtins.list"}
)
#: ``multiprocessing`` factories that a ``SyncManager`` offers with the same interface.
MANAGED_FACTORIES = frozenset({"Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition",
                               "Event", "Barrier", "Queue", "JoinableQueue"})
#: What a receiver infers to when jedi cannot tell processes from threads: not proof of a
#: thread look-alike (``with ProcessPoolExecutor() as ex`` infers as the abstract base).
AMBIGUOUS_OWNERS = frozenset({"concurrent.futures._base.Executor"})


def is_process_module(name: str) -> bool:
    """Whether an absolute module name belongs to a process API package."""
    return name.split(".")[0] in PROCESS_PACKAGES


def _runners() -> dict[str, list[tuple[SinkSpec, PickledParam]]]:
    """The sinks that run a function they are given, by the name a call of them has (the
    method, or the constructor's class): looked up for every call of a module, so indexed."""
    found: dict[str, list[tuple[SinkSpec, PickledParam]]] = {}
    for spec in SINKS:
        runs = next((p for p in spec.params if p.role is Role.FUNCTION), None)
        if runs is not None:
            found.setdefault(spec.method or spec.api, []).append((spec, runs))
    return found


_RUNNERS = _runners()
#: The names of the calls that run a function in a child (``Process``, ``submit``, ...).
RUNNER_NAMES = tuple(sorted(_RUNNERS))


class Passed(NamedTuple):
    """What a sink call hands a parameter of the function it runs: ``expr`` itself, or (with
    ``each_item``) each item of it, or the ``element``-th element of each item (``starmap``'s
    argument tuples)."""

    expr: ast.expr
    each_item: bool = False
    element: Optional[int] = None


def sink_call_arguments(call: ast.Call, function: str, index: int) -> list[Passed]:
    """What a function named ``function`` receives as its ``index``-th positional argument
    when a sink call runs it in a child: ``Process(target=f, args=(q,))``,
    ``pool.apply_async(f, (x,))``, ``executor.submit(f, x)``, each item of ``pool.map(f,
    items)``. Matched by the call's name, not its receiver's type: it tells what the parameter
    may hold, not whether the call sends (so every sink of that name is asked)."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    found: list[Passed] = []
    for spec, runs in _RUNNERS.get(name, ()):
        params = spec.params
        given = call_argument(call, runs.name, runs.position)
        if not isinstance(given, ast.Name) or given.id != function:
            continue
        passed = _passed(call, params[params.index(runs) + 1:], index)
        if passed is not None and passed not in found:
            found.append(passed)
    return found


def _passed(call: ast.Call, params: tuple[PickledParam, ...], index: int) -> Optional[Passed]:
    """The argument the first parameter that feeds the function gives its ``index``-th one."""
    for param in params:
        if param.sent is Sent.EACH_ELEMENT:
            passed = call_argument(call, param.name, param.position)
            if isinstance(passed, (ast.Tuple, ast.List)) and index < len(passed.elts):
                element = passed.elts[index]
                return None if isinstance(element, ast.Starred) else Passed(element)
            return None
        if param.sent is Sent.EACH_ITEM and param.role is Role.DATA:
            items = call_argument(call, param.name, param.position)
            if items is None or (index and not param.unpacked):
                return None
            return Passed(items, True, index if param.unpacked else None)
        if param.position is not None and param.sent in (Sent.REST_POSITIONAL,
                                                         Sent.REST_ITERABLES):
            position = param.position + index
            if position >= len(call.args) or isinstance(call.args[position], ast.Starred):
                return None
            return Passed(call.args[position], param.sent is Sent.REST_ITERABLES)
    return None


def lookup(owner: str, method: Optional[str]) -> Optional[SinkSpec]:
    """The sink for a receiver class and method (``None`` method: its constructor).

    Sinks that need more than the receiver's class (a subclass, an argument's type) are left
    to :func:`special_sinks`.
    """
    for spec in SINKS:
        if (
            spec.method == method and owner in spec.owners
            and not spec.subclass_only and spec.owner_argument is None
        ):
            return spec
    return None


@cache
def method_backends(method: str) -> Optional[Backends]:
    """The settings every sink of a method is configured by (dask's ``scheduler`` for
    ``.compute()``), when they all share one; ``None`` when some sink of it has none."""
    found = {spec.backends for spec in SINKS if spec.method == method}
    return found.pop() if len(found) == 1 else None


def special_sinks(method: str) -> tuple[SinkSpec, ...]:
    """The sinks of a method that are decided by a subclass or an argument, not the receiver's
    class alone."""
    return tuple(
        spec for spec in SINKS
        if spec.method == method and (
            spec.subclass_only or spec.subclasses or spec.owner_argument is not None
        )
    )
