"""Library types as pickle itself judged them: the verdicts in ``data/stdlib_pickle.json``.

``scripts/generate_pickle_table.py`` builds an instance of each standard-library type in a fresh
interpreter and asks multiprocessing's ``ForkingPickler`` (then ``pickle.loads``); this module
only reads what it recorded, and never imports the types, so the engine stays static.

A verdict can be looked up by the runtime name (``_io.TextIOWrapper``) or by a name jedi infers
for the same expression (``io.TextIOWrapper``, ``typing.IO``). A runtime name is exact and wins;
a jedi name may stand for several runtime types (``typing.Iterator`` for a list iterator and a
``struct`` iterator alike), and then its verdict is the one they share, or :attr:`Outcome.VARIES`.

Advice ("pass the file's path and open it in the worker") is not pickle's output, so it is kept
here, by family of runtime type, with a default built from pickle's error text.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Any, Optional


class Outcome(enum.Enum):
    FAILS = "fails"  # pickle refuses every instance the table built
    PICKLES = "pickles"  # it pickles whatever it holds
    CONTENTS = "contents"  # it pickles when what it holds does (a list, a chain over a list)
    VARIES = "varies"  # instances or types under one name disagree: judge the value, not the name


@dataclass(frozen=True)
class LibraryType:
    names: tuple[str, ...]  # every name that looks this verdict up, sorted
    runtime_types: tuple[str, ...]  # what the recipes built; several when a jedi name is shared
    outcome: Outcome
    error: Optional[str]  # pickle's words for a failing instance (for CONTENTS: its probe's)
    inheritance_only: bool  # multiprocessing refuses it only outside process start (its locks)
    fix: Optional[str]  # what to do instead, for a type that fails
    recipes: tuple[str, ...]  # the expressions whose verdicts this is, for a reader to re-run
    #: For an exception built by keyword: pickle's words when rebuilding it failed (``args``
    #: keeps only positional arguments), and how many positional ones it needs to rebuild.
    keyword_error: Optional[str] = None
    keyword_required: int = 0


_INHERITANCE_FIX = (
    "pass it to the Process or the pool's initializer (initargs) when the process starts, or "
    "use the multiprocessing.Manager() equivalent"
)
_FILE_FIX = "pass the file's path (or its data) and open it in the worker"
_LOCK_FIX = "create it in the worker, or share a multiprocessing.Manager() equivalent"
#: Advice by family, matched against the runtime type by longest prefix.
ADVICE: dict[str, str] = {
    "_io.": _FILE_FIX,
    "_csv.": _FILE_FIX,
    "csv.": _FILE_FIX,
    "tempfile.": _FILE_FIX,
    "gzip.": _FILE_FIX,
    "bz2.": _FILE_FIX,
    "lzma.": _FILE_FIX,
    "zipfile.": _FILE_FIX,
    "mmap.": "pass the file's path and map it in the worker",
    "posix.DirEntry": "send entry.path and scan the directory in the worker",
    "posix.ScandirIterator": "send the directory's path and scan it in the worker",
    "_thread.": _LOCK_FIX,
    "threading.": _LOCK_FIX,
    "threading.Thread": "start the thread in the worker",
    "threading.Timer": "start the thread in the worker",
    "threading._MainThread": "start the thread in the worker",
    "queue.": "use multiprocessing.Manager().Queue() to share a queue between processes",
    "_queue.": "use multiprocessing.Manager().Queue() to share a queue between processes",
    "sqlite3.": "open the connection in the worker (an initializer) and pass the database path",
    "ssl.": "build the SSL context in the worker",
    "_ssl.": "build the SSL context in the worker",
    "http.client.": "open the connection in the worker and pass its address",
    "select.": "create it in the worker",
    "selectors.": "create it in the worker",
    "socketserver.": "create it in the worker",
    "builtins.generator": "send the data (a list) or the arguments that make the generator",
    "builtins.async_generator": "send the arguments that make the generator",
    "builtins.coroutine": "send the coroutine function's arguments and run it in the worker",
    "builtins.frame": "send the data you need from it",
    "builtins.traceback": "send traceback.format_exc() or a traceback.TracebackException",
    "builtins.memoryview": "send bytes(view) instead",
    "builtins.dict_": "send list(view) or the dict itself",
    "builtins.odict_": "send list(view) or the dict itself",
    "builtins.mappingproxy": "send dict(proxy) instead",
    "re.Match": "send what you need from the match (match.group(), match.span())",
    "_hashlib.": "send the data and hash it in the worker, or send hexdigest()",
    "_blake2.": "send the data and hash it in the worker, or send hexdigest()",
    "hmac.": "send the key and data and compute the HMAC in the worker",
    "zlib.": "send the data and compress it in the worker",
    "_bz2.": "send the data and compress it in the worker",
    "_lzma.": "send the data and compress it in the worker",
    "logging.": "configure logging in the worker (an initializer); loggers cross by name",
    "asyncio.": "create the event loop, and what belongs to it, in the worker",
    "_asyncio.": "create the event loop, and what belongs to it, in the worker",
    "concurrent.futures.": "keep the executor and its futures in the parent; send only data",
    "multiprocessing.pool.": "keep the pool in the parent and send only the data",
    "multiprocessing.managers.": "send the manager's proxies (manager.dict(), ...) instead",
    "multiprocessing.": "create it in the process that uses it",
    "subprocess.": "send the command and start the process in the worker",
    "weakref.": "send the object itself",
    "_weakrefset.": "send the objects themselves (a list)",
    "_contextvars.": "send the value, and set the variable in the worker",
    "unittest.mock.": "create the mock in the worker",
}


def _fix(runtime_type: str, error: str, inheritance_only: bool) -> str:
    """The advice for a failing type: its family's, or a default naming what pickle refused."""
    if inheritance_only:
        return _INHERITANCE_FIX
    matches = [prefix for prefix in ADVICE if runtime_type.startswith(prefix)]
    if matches:
        return ADVICE[max(matches, key=len)]
    return f"send the data it is built from and rebuild it in the worker (pickle: {error})"


def wording(
    outcome: Outcome, entries: list[dict[str, Any]], inheritance_only: bool
) -> tuple[Optional[str], Optional[str]]:
    """The error a verdict quotes (a failing entry's, or its contents probe's) and, for a type
    that fails, what to do instead."""
    if outcome is Outcome.CONTENTS:
        return next(e["contents_probe"]["error"] for e in entries
                    if e["outcome"] == "contents"), None
    if outcome is Outcome.PICKLES:
        return None, None
    failing = next(e for e in entries if e["error"])
    error = failing["error"]
    fix = _fix(failing["runtime_type"], error, inheritance_only) if (
        outcome is Outcome.FAILS) else None
    return error, fix


def _combine(verdicts: list[tuple[Outcome, bool]], same_type: bool) -> tuple[Outcome, bool]:
    """One verdict for several: the one they share, else ``contents`` when that is all they
    differ by; within one runtime type a probe that proved "contents" also explains a failing
    sibling (a chain over a generator), across types it does not."""
    if len(set(verdicts)) == 1:
        return verdicts[0]
    outcomes = {outcome for outcome, _ in verdicts}
    if outcomes <= {Outcome.PICKLES, Outcome.CONTENTS} or (
        same_type and Outcome.CONTENTS in outcomes
    ):
        return Outcome.CONTENTS, False
    return Outcome.VARIES, False


@functools.cache
def lookup_entries() -> list[dict[str, Any]]:
    """The generated entries, read from the data file on first use."""
    data = resources.files(__package__) / "data" / "stdlib_pickle.json"
    return json.loads(data.read_text(encoding="utf-8"))["entries"]


@functools.cache
def _index() -> dict[str, LibraryType]:
    """Every name's verdict."""
    entries = lookup_entries()
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        by_type[entry["runtime_type"]].append(entry)
    # A runtime name stands for its own type; a jedi name for every type whose recipe it named.
    covers: dict[str, set[str]] = {runtime_type: {runtime_type} for runtime_type in by_type}
    for entry in entries:
        for name in entry["jedi_names"]:
            if name not in by_type:
                covers.setdefault(name, set()).add(entry["runtime_type"])
    per_type: dict[str, tuple[Outcome, bool]] = {
        runtime_type: _combine(
            [(Outcome(e["outcome"]), e["inheritance_only"]) for e in group], same_type=True
        )
        for runtime_type, group in by_type.items()
    }
    names_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name, runtime_types in covers.items():
        names_of[tuple(sorted(runtime_types))].append(name)
    index: dict[str, LibraryType] = {}
    for runtime_types, names in names_of.items():
        outcome, inheritance_only = _combine(
            [per_type[t] for t in runtime_types], same_type=len(runtime_types) == 1
        )
        group = [e for t in runtime_types for e in by_type[t]]
        error, fix = wording(outcome, group, inheritance_only)
        keyword = next((e["keyword_probe"] for e in group
                        if e.get("keyword_probe") and e["keyword_probe"]["error"]), None)
        verdict = LibraryType(
            tuple(sorted(names)), runtime_types, outcome, error, inheritance_only, fix,
            tuple(e["recipe"] for e in group),
            keyword["error"] if keyword else None, keyword["required"] if keyword else 0,
        )
        index.update(dict.fromkeys(names, verdict))
    return index


def lookup(full_name: str) -> Optional[LibraryType]:
    """Pickle's verdict for a type by its runtime name or by a name jedi infers, if known."""
    return _index().get(full_name)


#: A recipe that is a call of a module's callable: ``threading.local()``.
_CONSTRUCTOR = re.compile(r"^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)\(")


@functools.cache
def _constructors() -> dict[str, str]:
    """The runtime type each module callable makes, by the callable's dotted name, where the
    recipes show a single one (``threading.local`` makes ``_thread._local``)."""
    made: dict[str, set[str]] = defaultdict(set)
    for entry in lookup_entries():
        match = _CONSTRUCTOR.match(entry["recipe"])
        if match:
            made[match.group(1)].add(entry["runtime_type"])
    return {name: next(iter(types)) for name, types in made.items() if len(types) == 1}


#: A recipe that is a module's attribute: ``sys.stdout``.
_ATTRIBUTE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")


@functools.cache
def _attributes() -> dict[str, str]:
    """The runtime type of each module attribute a recipe names and pickle refuses
    (``sys.stdout`` is an ``_io.TextIOWrapper``, which typeshed calls ``TextIO``, like a
    ``StringIO``); the others (``os.path.join``, ``re.IGNORECASE``) are judged as before."""
    return {entry["recipe"]: entry["runtime_type"] for entry in lookup_entries()
            if _ATTRIBUTE.match(entry["recipe"]) and entry["outcome"] == Outcome.FAILS.value}


def lookup_attribute(full_name: str) -> Optional[LibraryType]:
    """The verdict for a module attribute (``sys.stdout``) that a recipe names."""
    runtime_type = _attributes().get(full_name)
    return lookup(runtime_type) if runtime_type else None


@functools.cache
def attribute_names() -> frozenset[str]:
    """The last parts of the module attributes recipes name (``stdout``): an attribute
    spelled otherwise cannot be one, and needs no lookup."""
    return frozenset(name.rsplit(".", 1)[1] for name in _attributes())


def lookup_made_by(callee: str) -> Optional[LibraryType]:
    """The verdict for what a call of ``callee`` (``threading.local``) makes, when jedi cannot
    type the result but the recipes show it."""
    runtime_type = _constructors().get(callee)
    return lookup(runtime_type) if runtime_type else None
