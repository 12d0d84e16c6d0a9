"""Whether a value crosses to another process, per serializer: what each library said when
``scripts/generate_pickle_table.py`` asked it (``data/serializer_<name>.json``).

Why per serializer: "can it be pickled?" has no single answer. multiprocessing's pickler sends
functions and classes by reference (module and name), so a lambda or a local function fails at
dump, and a function defined under ``if __name__ == "__main__":`` fails only in the worker, which
imports the script as ``__mp_main__``. cloudpickle (and loky and joblib, which send with it) and
dill send them by value, and by value means what they refer to travels too: a module-level
function that uses a module-level lock crosses under pickle (the worker has its own lock) and
fails under cloudpickle. dill pickles locks and open files (the worker gets new ones);
multiprocessing and loky send sockets, cloudpickle and dill do not. Memory is wrong about such
things in both directions, so every verdict here is a library's own answer.

Two parts, both generated:

- *kinds* (:class:`Kind`): language-level values, each built by a ``__main__`` script of its
  own, dumped there and loaded in a different, fresh interpreter: a child of the spawn start
  method, which imports the script again as ``__mp_main__`` before it loads, as every spawned
  worker does (a lookup in ``__main__`` can only fail where the loader's ``__main__`` differs).
  Read with :func:`kind_outcome`.
- *library types*: the standard-library recipes of ``stdlib_pickle.json`` asked of each
  serializer, recorded only where the verdict differs from pickle's (a few dozen of ~400: the
  file stays small and says exactly where pickle's answer does not hold). :func:`library_outcome`
  applies them to :mod:`.library_types`' verdicts.

Static, like :mod:`.library_types`: this module reads JSON and never imports the libraries.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Any, Optional, Union

from mp_lsp.engine.knowledge import library_types
from mp_lsp.engine.knowledge.library_types import LibraryType, Outcome


class Serializer(enum.Enum):
    """A way values are sent to another process, named by the library that sends them."""

    #: multiprocessing's ``ForkingPickler`` (``Pool``, ``Process`` arguments,
    #: ``concurrent.futures.ProcessPoolExecutor``), read with ``pickle.loads``.
    PICKLE = "pickle"
    #: ``cloudpickle.dumps``, read with ``pickle.loads``.
    CLOUDPICKLE = "cloudpickle"
    #: loky and joblib (which vendors loky): ``loky.backend.reduction.dumps``, a cloudpickle
    #: pickler with loky's reducers added (sockets, connections), read with ``pickle.loads``.
    LOKY = "loky"
    #: multiprocess and pathos: a ``dill.Pickler`` with dill's default settings, read with
    #: ``dill.loads``. The table asks plain dill; multiprocess's own pickler also has
    #: multiprocessing's reducers (sockets, connections), which :func:`library_outcome` adds.
    DILL = "dill"
    #: ``torch.multiprocessing``: multiprocessing's pickler with torch's reductions registered
    #: (tensors and storages go through shared memory).
    TORCH = "torch"

    # What the engine's judge needs to know of a serializer, read from its kinds table (what
    # the library did), not assumed:
    @property
    def by_value(self) -> bool:
        """A definition that cannot be found by name (a lambda) crosses as its code."""
        return _crosses(self, Kind.MAIN_LAMBDA)

    @property
    def sends_globals(self) -> bool:
        """A function sent by value takes the globals it uses along: a module-level function
        that uses a module-level lock crosses alone and fails with them."""
        return _crosses(self, Kind.MAIN_FUNCTION) and not _crosses(
            self, Kind.MAIN_FUNCTION_GLOBAL_LOCK)

    @property
    def sends_modules(self) -> bool:
        """A module object crosses (as its name, imported again)."""
        return _crosses(self, Kind.MODULE)

    @property
    def title(self) -> str:
        """How a message names it ("cloudpickle refuses it")."""
        return {"loky": "loky's cloudpickle", "torch": "pickle"}.get(self.value, self.value)


#: The serializers that send functions and classes of ``__main__`` (and local ones) by value:
#: their code, globals and closures travel, so what those refer to must cross too.
BY_VALUE = frozenset({Serializer.CLOUDPICKLE, Serializer.LOKY, Serializer.DILL})


class Crossing(enum.Enum):
    """What became of a value sent to another process."""

    CROSSES = "crosses"  # dumped, and loaded in the other interpreter
    FAILS_AT_DUMP = "fails-at-dump"  # the sending process could not serialize it
    FAILS_AT_LOAD = "fails-at-load"  # it was sent, and the receiving process could not rebuild it


class PickledBy(enum.Enum):
    """How a function or class travelled, read from the bytes: a reference is a global the
    loader looks up by module and name (so it must exist there); a value is its code."""

    VALUE = "value"
    REFERENCE = "reference"


class Kind(enum.Enum):
    """A kind of value a program sends, as the kinds table names it. Each is built by a
    ``__main__`` script (``KindVerdict.script``); "module level" is that script's top level."""

    #: A function defined at module level.
    MAIN_FUNCTION = "main_function"
    #: A function defined under ``if __name__ == "__main__":`` (absent from ``__mp_main__``).
    MAIN_GUARDED_FUNCTION = "main_guarded_function"
    #: A lambda assigned at module level.
    MAIN_LAMBDA = "main_lambda"
    #: A module-level function that uses a module-level ``threading.Lock``.
    MAIN_FUNCTION_GLOBAL_LOCK = "main_function_global_lock"
    #: A module-level lambda that uses a module-level ``threading.Lock``.
    MAIN_LAMBDA_GLOBAL_LOCK = "main_lambda_global_lock"
    #: A function defined inside another (no closure).
    NESTED_FUNCTION = "nested_function"
    #: A nested function that closes over a local (an int).
    CLOSURE = "closure"
    #: A nested function that closes over a local ``threading.Lock``.
    CLOSURE_OVER_LOCK = "closure_over_lock"
    #: ``functools.partial`` of a lambda.
    PARTIAL_OF_LAMBDA = "partial_of_lambda"
    #: A class defined at module level (the class object itself).
    MAIN_CLASS = "main_class"
    #: An instance of a module-level class holding plain data.
    MAIN_CLASS_INSTANCE = "main_class_instance"
    #: An instance of a module-level class holding a ``threading.Lock``.
    MAIN_CLASS_INSTANCE_WITH_LOCK = "main_class_instance_with_lock"
    #: A bound method of an instance of a module-level class.
    MAIN_BOUND_METHOD = "main_bound_method"
    #: A class defined inside a function (the class object).
    LOCAL_CLASS = "local_class"
    #: An instance of a class defined inside a function.
    LOCAL_CLASS_INSTANCE = "local_class_instance"
    #: A bound method of an instance of a class defined inside a function.
    LOCAL_BOUND_METHOD = "local_bound_method"
    #: An instance of a module-level exception class whose ``__init__`` takes two arguments but
    #: passes one message to ``Exception.__init__`` (rebuilt from ``args``: one argument short).
    EXCEPTION_TWO_ARGS = "exception_two_args"
    #: A generator (a generator function's call).
    GENERATOR = "generator"
    #: A generator expression.
    GENERATOR_EXPRESSION = "generator_expression"
    #: ``map(str, [1, 2])``.
    MAP_ITERATOR = "map_iterator"
    #: ``map`` of a lambda.
    MAP_LAMBDA_ITERATOR = "map_lambda_iterator"
    #: ``zip([1], [2])``.
    ZIP_ITERATOR = "zip_iterator"
    #: ``threading.Lock()``.
    THREAD_LOCK = "thread_lock"
    #: ``threading.RLock()``.
    THREAD_RLOCK = "thread_rlock"
    #: ``threading.Condition()``.
    THREAD_CONDITION = "thread_condition"
    #: ``threading.Event()``.
    THREAD_EVENT = "thread_event"
    #: A ``threading.Thread`` (not started).
    THREAD = "thread"
    #: A text file opened for reading.
    FILE_READ = "file_read"
    #: A text file opened for writing.
    FILE_WRITE = "file_write"
    #: A binary file opened for reading.
    FILE_BINARY = "file_binary"
    #: ``socket.socket()``.
    SOCKET = "socket"
    #: ``sqlite3.connect(...)``.
    SQLITE_CONNECTION = "sqlite_connection"
    #: A ``sqlite3`` cursor.
    SQLITE_CURSOR = "sqlite_cursor"
    #: A module object (``json``).
    MODULE = "module"
    #: A ``logging.Logger`` made by calling the class, not by ``logging.getLogger``: pickle
    #: sends a logger as ``getLogger(name)``, and its ``__reduce__`` refuses one that
    #: ``getLogger`` does not return.
    UNREGISTERED_LOGGER = "unregistered_logger"
    #: ``sys.exc_info()`` called in an ``except`` block: a tuple that holds the traceback.
    EXC_INFO = "exc_info"
    #: A ``unittest.TestCase`` while the runner runs it (a test method's ``self``): ``run()``
    #: sets its ``_outcome``, which holds the result and the result's stream.
    RUNNING_TEST_CASE = "running_test_case"
    #: ``multiprocessing.Lock()`` sent outside process start (not as a ``Process`` argument).
    MP_LOCK = "mp_lock"
    #: ``multiprocessing.Queue()`` sent outside process start.
    MP_QUEUE = "mp_queue"
    #: ``multiprocessing.Value('i', 0)`` sent outside process start.
    MP_VALUE = "mp_value"
    #: A manager's proxy (``multiprocessing.Manager().dict()``).
    MANAGER_PROXY = "manager_proxy"
    #: Torch only: ``torch.ones(2)``.
    TENSOR = "tensor"
    #: Torch only: a leaf tensor with ``requires_grad=True``.
    TENSOR_REQUIRES_GRAD = "tensor_requires_grad"
    #: Torch only: a non-leaf tensor that requires grad (``leaf * 2``).
    TENSOR_NON_LEAF = "tensor_non_leaf"
    #: Torch only: ``torch.Generator()``.
    TORCH_GENERATOR = "torch_generator"
    #: Torch only: a CPU ``torch.nn.Module`` (``torch.nn.Linear(2, 2)``).
    NN_MODULE = "nn_module"


#: Calls whose result the serializers judge as a kind of value rather than by its type alone:
#: a logger made by its class is a ``logging.Logger`` as ``getLogger``'s are, but only those
#: cross by name.
MADE_KINDS: dict[str, Kind] = {"logging.Logger": Kind.UNREGISTERED_LOGGER}
#: Calls whose result is a kind of value when made in an ``except`` block, where there is an
#: exception being handled (outside one, ``sys.exc_info()`` is ``(None, None, None)``).
CAUGHT_KINDS: dict[str, Kind] = {"sys.exc_info": Kind.EXC_INFO}
#: How a finding names a kind whose type's name alone would mislead, and what to do instead.
KIND_WORDING: dict[Kind, tuple[str, str]] = {
    Kind.EXC_INFO: ("sys.exc_info() tuple (it holds the traceback)",
                    "send traceback.format_exc(), or a traceback.TracebackException"),
    Kind.RUNNING_TEST_CASE: ("unittest.case.TestCase while it runs",
                             "send a module-level function, not the test case's method, and "
                             "pass it what the test holds"),
}
#: Library bases whose instances hold what a framework sets on them while it runs them: the
#: serializers judge a method's ``self`` of a class derived from one as that kind of value
#: (a test case made by calling its class holds none of it, and is judged by its type).
RUNNING_KINDS: dict[str, Kind] = {"unittest.case.TestCase": Kind.RUNNING_TEST_CASE}


#: The kinds only torch's table has: building them needs torch.
TORCH_KINDS = frozenset({Kind.TENSOR, Kind.TENSOR_REQUIRES_GRAD, Kind.TENSOR_NON_LEAF,
                         Kind.TORCH_GENERATOR, Kind.NN_MODULE})


@dataclass(frozen=True)
class KindVerdict:
    serializer: Serializer
    kind: Kind
    outcome: Crossing
    error: Optional[str]  # the library's words (addresses as 0x?, the script's directory <tmp>)
    pickled_by: Optional[PickledBy]  # for kinds that are or hold a function or class, if dumped
    runtime_type: str  # what the script built: type(value)'s module and qualified name
    script: str  # the ``__main__`` script that built it, for a reader to re-run


SerializerName = Union[Serializer, str]


@functools.cache
def _table(serializer: Serializer) -> Optional[dict[str, Any]]:
    """A serializer's generated table, read on first use; None if it was never generated."""
    data = resources.files(__package__) / "data" / f"serializer_{serializer.value}.json"
    if not data.is_file():
        return None
    table = json.loads(data.read_text(encoding="utf-8"))
    return {
        "header": table["header"],
        "kinds": {entry["kind"]: entry for entry in table["kinds"]},
        "differences": {entry["recipe"]: entry for entry in table["library_differences"]},
    }


def _crosses(serializer: Serializer, kind: Kind) -> bool:
    verdict = kind_outcome(serializer, kind)
    return verdict is not None and verdict.outcome is Crossing.CROSSES


def available() -> tuple[Serializer, ...]:
    """The serializers whose tables the package holds."""
    return tuple(s for s in Serializer if _table(s) is not None)


def header(serializer: SerializerName) -> Optional[dict[str, Any]]:
    """Where a serializer's table holds: its Python and its library versions."""
    table = _table(Serializer(serializer))
    return table["header"] if table else None


def kind_outcome(serializer: SerializerName, kind: Union[Kind, str]) -> Optional[KindVerdict]:
    """What ``serializer`` did with a value of ``kind`` sent to a fresh interpreter; None if its
    table has no such kind (the torch kinds are torch's only)."""
    serializer, kind = Serializer(serializer), Kind(kind)
    table = _table(serializer)
    found = table["kinds"].get(kind.value) if table else None
    if found is None:
        return None
    return KindVerdict(
        serializer, kind, Crossing(found["outcome"]), found["error"],
        PickledBy(found["pickled_by"]) if found["pickled_by"] else None,
        found["runtime_type"], found["script"],
    )


def library_outcome(serializer: SerializerName, full_name: str) -> Optional[LibraryType]:
    """A library type's verdict under ``serializer``, by runtime name or jedi name, if known.

    Pickle's is :func:`library_types.lookup`'s. Another serializer's is the same verdict where no
    recipe behind it behaved differently; otherwise it is judged again, as
    :mod:`.library_types` judges, from the entries with that serializer's differences applied.
    dill's is as multiprocess sends: what multiprocessing's reducers send crosses there too.
    """
    serializer = Serializer(serializer)
    verdict = library_types.lookup(full_name)
    if verdict is None or serializer is Serializer.PICKLE:
        return verdict
    table = _table(serializer)
    if table is None:
        return None  # never asked: pickle's verdict would be a guess
    changed = table["differences"]
    if not any(recipe in changed for recipe in verdict.recipes):
        return verdict
    standard = _standard_entries()
    entries = [changed.get(recipe) or standard[recipe] for recipe in verdict.recipes]
    judged = _judged_again(serializer, verdict, entries)
    if serializer is Serializer.DILL and judged.outcome is Outcome.FAILS and (
        verdict.outcome is not Outcome.FAILS
    ):
        return verdict  # multiprocessing's reducers (a socket) send it
    return judged


def library_outcome_made_by(serializer: SerializerName, callee: str) -> Optional[LibraryType]:
    """:func:`library_types.lookup_made_by` under ``serializer``: the verdict for what a call of
    ``callee`` makes, where the recipes show a single runtime type."""
    made = library_types.lookup_made_by(callee)
    return library_outcome(serializer, made.runtime_types[0]) if made else None


@functools.cache
def _standard_entries() -> dict[str, dict[str, Any]]:
    return {entry["recipe"]: entry for entry in library_types.lookup_entries()}


def _judged_again(serializer: Serializer, verdict: LibraryType,
                  entries: list[dict[str, Any]]) -> LibraryType:
    """``verdict`` with its outcome, error and advice made again from ``entries``: one verdict
    per runtime type first, then one for all, with library_types' own rules (its ``_combine``
    and ``_fix``), so a name means the same under every serializer's data."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        by_type[entry["runtime_type"]].append(entry)
    per_type = [
        library_types._combine(
            [(Outcome(e["outcome"]), e["inheritance_only"]) for e in group], same_type=True
        )
        for group in by_type.values()
    ]
    outcome, inheritance_only = library_types._combine(per_type, same_type=len(by_type) == 1)
    error, fix = library_types.wording(outcome, entries, inheritance_only)
    if fix is not None:
        fix = fix.replace(f"(pickle: {error})", f"({serializer.value}: {error})")
    return dataclasses.replace(verdict, outcome=outcome, error=error,
                               inheritance_only=inheritance_only, fix=fix)
