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
from dataclasses import dataclass
from typing import Optional

from mp_lsp.engine.findings import ALL_START_METHODS, PICKLING_START_METHODS, StartMethod
from mp_lsp.engine.syntax import call_argument


class Sent(enum.Enum):
    """How a parameter's value crosses the boundary."""

    WHOLE = "whole"  # the value itself is pickled
    EACH_ITEM = "each item"  # each item of the iterable (not the iterable) is pickled
    EACH_ELEMENT = "each element"  # an ``args`` tuple: each element is pickled
    EACH_VALUE = "each value"  # a ``kwargs`` dict: each value is pickled
    REST_POSITIONAL = "rest positional"  # ``*args`` of submit: every further positional
    REST_KEYWORD = "rest keyword"  # ``**kwargs`` of submit: every further keyword
    REST_ITERABLES = "rest iterables"  # ``*iterables`` of Executor.map: each item of each


class Role(enum.Enum):
    FUNCTION = "function"  # runs in the child; its results may come back pickled
    DATA = "data"


@dataclass(frozen=True)
class PickledParam:
    name: str
    #: Index among positional arguments (``self`` excluded), ``None`` when keyword-only.
    position: Optional[int]
    sent: Sent
    role: Role = Role.DATA
    when: frozenset[StartMethod] = ALL_START_METHODS


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
    #: The call is a sink only when the argument at this position is an owner
    #: (``loop.run_in_executor(executor, ...)`` with a process pool); the receiver is ignored.
    owner_argument: Optional[int] = None
    #: Resolving the call starts worker processes (what MP008 looks for at import time).
    starts_processes: bool = False


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
    }
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
    return SinkSpec(
        f"Pool.{method}", POOL, method, (_FUNC, _ITERABLE), results_pickled=True,
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


SINKS: tuple[SinkSpec, ...] = (
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
)

#: Method names that make a call worth resolving (the cheap syntactic filter), each with the
#: names of the APIs that make such a receiver. A call is only resolved when one of those
#: names appears in the module or in a workspace module it imports: ``sock.send()`` in a file
#: that never mentions ``Pipe``/``Connection`` cannot be ``Connection.send``.
CANDIDATE_METHODS: dict[str, tuple[str, ...]] = {
    **{m: ("Pool", "Executor") for m in ("map", "map_async", "imap", "imap_unordered",
                                        "starmap", "starmap_async", "apply", "apply_async")},
    "submit": ("Executor",),
    "put": ("Queue",),
    "put_nowait": ("Queue",),
    "send": ("Pipe(", "Listener(", "Client(", "Connection"),
    "start": ("Process):", "Process, "),  # only a Process subclass's start() is a sink
    "run_in_executor": ("ProcessPoolExecutor",),
    **{m: ("Manager()",) for m in ("append", "extend", "setdefault", "__setitem__")},
    "__setattr__": ("Namespace(",),
}
assert {s.method for s in SINKS if s.method} <= CANDIDATE_METHODS.keys()
#: Call names that may construct a sink owner (the last part of the dotted name).
CANDIDATE_CONSTRUCTORS = frozenset({"Pool", "ProcessPoolExecutor", "Process"})
#: Calls that start a process though they send nothing: ``Manager()`` starts its server.
PROCESS_STARTING_CALLS = frozenset({"Manager"})

#: The packages of the process APIs: a module that imports none of them (directly or through
#: a workspace module) cannot send anything to another process.
PROCESS_PACKAGES = ("multiprocessing", "concurrent")
#: An import of a process API, as the cheap pre-scan looks for it in other files' text.
PROCESS_IMPORT = re.compile(
    r"^[ \t]*(?:from|import)[ \t]+(?:" + "|".join(PROCESS_PACKAGES) + r")\b", re.M
)
#: The classes of ``multiprocessing.Manager()`` objects: their factory methods make proxies.
MANAGER_CLASSES = frozenset(
    {"multiprocessing.managers.SyncManager", "multiprocessing.managers.BaseManager"}
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


def sink_call_argument(call: ast.Call, function: str, index: int) -> Optional[ast.expr]:
    """What a function named ``function`` receives as its ``index``-th positional argument
    when a sink call runs it in a child: ``Process(target=f, args=(q,))``,
    ``pool.apply_async(f, (x,))``, ``executor.submit(f, x)``. Matched by the call's name, not
    its receiver's type: it tells what the parameter may hold, not whether the call sends."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    for spec, runs in _RUNNERS.get(name, ()):
        params = spec.params
        given = call_argument(call, runs.name, runs.position)
        if not isinstance(given, ast.Name) or given.id != function:
            continue
        for param in params[params.index(runs) + 1:]:
            if param.sent is Sent.EACH_ELEMENT:
                passed = call_argument(call, param.name, param.position)
                if isinstance(passed, (ast.Tuple, ast.List)) and index < len(passed.elts):
                    element = passed.elts[index]
                    return None if isinstance(element, ast.Starred) else element
                return None
            if param.sent is Sent.REST_POSITIONAL and param.position is not None:
                position = param.position + index
                return call.args[position] if position < len(call.args) else None
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


def special_sinks(method: str) -> tuple[SinkSpec, ...]:
    """The sinks of a method that are decided by a subclass or an argument, not the receiver."""
    return tuple(
        spec for spec in SINKS
        if spec.method == method and (spec.subclass_only or spec.owner_argument is not None)
    )
