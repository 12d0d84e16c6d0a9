"""Adaptations of jedi: unsaved buffers of other files, a fast position lookup, inference
states shared between the versions of a file, one environment read in this process, and less
of jedi's fixed cost (modules and grammars parsed when read, a faster name index, a missing
``numpydoc`` looked for once). Each leaves jedi's answers as they were, but one that makes
them right: ``-> Self`` is the class a method is called on.

**Buffers.** ``jedi.Script`` takes the text of the file being analysed, but modules it
imports are read from the disk. In an editor, ``models.py`` may be open with unsaved changes
(a class just gained a lock), and ``main.py``'s diagnostics must follow them. jedi has no
public hook for that, so this module wraps the one function that turns a found module into a
parsed one (``jedi.inference.imports._load_python_module``) and hands it the buffer's text,
parsed without parso's disk cache (which must never hold unsaved text) but with its in-memory
one, which re-parses only what changed. Dropping a buffer drops the path from parso's
in-memory cache, so the disk is read again.

**Position lookup.** ``Script.infer`` and ``Script.goto`` start with parso's
``get_name_of_position``, which walks the whole tree: ~80 ms per question on a 10,000-line
file, most of what one inference costs there. ``get_leaf_for_position`` answers the same
question by bisection; the module node uses it, and falls back to the walk when it cannot.

**Shared states.** See :class:`SharedInferenceStates`.

**Evicted trees.** jedi keys its caches of a module's names by parso's in-memory cache entry
for the module's path, looked up anew for each filter it makes. parso drops entries once it
holds 600 (those unused for ten minutes, where a new entry counts as last used when its file
was last modified): a tree jedi still holds then has no entry, and every question reaching it
raised ``KeyError`` (jedi#1888), which mp-lsp took for "unknown". Findings then depended on how
many files the process had parsed before, and on the clock. :func:`_cache_entry_of` gives a
filter the entry only when it holds the filter's own tree, and no entry (no caching) otherwise.

**One environment.** :func:`shared_environment`: the running interpreter read in this process
(:class:`InProcessEnvironment`) when the program allows it, else the subprocess jedi runs an
interpreter in, started once per process and stopped by :func:`close_environments` before the
process ends.

**Fixed costs.** Checking one small file with a sink is mostly jedi loading the modules and
stubs of ``builtins``, ``typing`` and ``multiprocessing``: a module beside a stub is parsed only
once read (:class:`_DeferredModuleValue`), a grammar's parser tables are generated only for a
parse (:func:`_deferred_grammar`), and parso's index of a module's names is built without a
recursive call per node (:func:`_used_names`). A failed import of ``numpydoc`` is remembered
(:func:`_remembered_numpy_doc_string_cls`), as jedi means it to be. A checked file whose text
is its disk's is read from parso's on-disk cache of trees, as an imported module is
(:func:`prime_parse`), not parsed anew on each run.

**Self.** jedi executes typeshed's ``-> Self`` as the class that defines the method, so
``Path(root) / "run.log"`` is a ``PurePath``, whose ``open`` jedi cannot find:
:func:`_return_types` makes it an instance of the receiver's class, as ``typing.Self`` means.

This module imports jedi: :mod:`mp_lsp.engine.project` imports it on the first question asked
of jedi, never before.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import re
import sys
import weakref
from typing import Any, BinaryIO, Callable, Iterator, Optional

import jedi
import parso
import parso.cache
import parso.grammar
from jedi.file_io import KnownContentFileIO
from jedi.inference import docstrings, filters, imports
from jedi.inference.base_value import ValueSet
from jedi.inference.gradual import annotation
from jedi.inference.value import ModuleValue
from parso.python import tree
from parso.python.token import PythonTokenTypes

from mp_lsp.engine.scan import importer_pattern

#: The jedi environment of each interpreter (``None``: jedi's default), one per process.
_ENVIRONMENTS: dict[Optional[str], Any] = {}
#: The environments whose subprocess this process starts. jedi caches its default environment
#: across a fork: a forked worker gets the parent's, subprocess and pipes included, and must
#: not stop it (closing pipes whose locks the parent's threads held at the fork hangs).
_OWNED: set[int] = set()


class InProcessEnvironment(jedi.InterpreterEnvironment):  # type: ignore[misc]
    """jedi's environment of the running interpreter, read in this process, with the
    ``sys.path`` that jedi's subprocess of this interpreter would report (its own folder
    first, then the interpreter's start-up path), so that imports resolve as they would there.

    jedi's default environment for the running interpreter starts a subprocess of it and asks
    it about compiled modules over a pipe: starting it (an interpreter and jedi's import) and
    the round trips (~70 for one ``Pool.map``) are ~0.3 s of checking one small file. Here the
    same questions are answered by jedi's same-process implementation (the one ``jedi.Interpreter``
    uses). What differs: a compiled module jedi imports to read it (an extension module without
    source or stub) is imported into this process, with what it prints sent to stderr and
    jedi's warnings about modules it cannot import silenced (the subprocess swallowed both).
    """

    def __init__(self, sys_path: tuple[str, ...]) -> None:
        super().__init__()
        self._sys_path = list(sys_path)

    def get_sys_path(self) -> list[str]:
        return list(self._sys_path)


def _subprocess_folder() -> Optional[str]:
    """The folder jedi's subprocess runs from: the first entry of its ``sys.path``."""
    from jedi.inference.compiled import subprocess as compiled_subprocess

    main = getattr(compiled_subprocess, "_MAIN_PATH", None)
    return os.path.dirname(main) if isinstance(main, str) else None


def _in_process_environment(python: Optional[str]) -> Optional[InProcessEnvironment]:
    """The in-process environment for ``python`` (``None``: jedi's default one), when it is
    the running interpreter and the program allows it
    (:func:`mp_lsp.runtime.in_process_sys_path`), else ``None``."""
    from mp_lsp import runtime

    path = runtime.in_process_sys_path(python)
    if path is None:
        return None
    folder = _subprocess_folder()
    if folder is None:
        return None
    _install_in_process_guards()
    return InProcessEnvironment((folder, *path))


_GUARDED = False


def _install_in_process_guards() -> None:
    """What jedi's subprocess did for the imports it makes: their output does not reach our
    stdout (the CLI's report), and jedi's warning that a module cannot be imported is not
    printed (the subprocess sent it to its debug log)."""
    global _GUARDED
    if _GUARDED:
        return
    _GUARDED = True
    import warnings

    from jedi.inference.compiled import access

    warnings.filterwarnings(
        "ignore", category=UserWarning, message=r"(Module \S+ not importable|Cannot import:)"
    )
    original = getattr(access, "load_module", None)
    if not callable(original):
        return

    def load_module(*args: Any, **kwargs: Any) -> Any:
        with contextlib.redirect_stdout(sys.stderr):
            return original(*args, **kwargs)

    access.load_module = load_module


def shared_environment(python: Optional[str]) -> Any:
    """The process's jedi environment for ``python`` (``None``: the default one).

    When it is the running interpreter and the program allows it, an
    :class:`InProcessEnvironment`. Otherwise jedi starts a subprocess for an environment, to ask
    that interpreter about compiled modules; every ``Project`` of the process (the server
    builds a new one when its settings change) shares it rather than starting another, and
    :func:`close_environments` ends it. Raises what ``jedi.create_environment`` raises for an
    interpreter it cannot use.
    """
    environment = _ENVIRONMENTS.get(python)
    if environment is None:
        environment = _in_process_environment(python or None)
        if environment is None and python:
            environment = jedi.create_environment(python, safe=False)
        elif environment is None:
            environment = jedi.get_default_environment()
        _ENVIRONMENTS[python] = environment
        if getattr(environment, "_subprocess", None) is None:
            _OWNED.add(id(environment))  # its subprocess, once started, is this process's
    return environment


def _forget_inherited_environments() -> None:
    """In a forked child (a pool worker made with ``fork``): the environments' subprocesses
    are the parent's, and talking to one over the inherited pipes would interleave with the
    parent's own questions. The child starts its own when it needs one.

    jedi stops a subprocess from a ``weakref.finalize``; the child inherits those of the
    parent's subprocesses, and one runs when the child's garbage collector frees the parent's
    objects, closing pipes whose locks the parent's threads held at the fork: it blocks for
    ever. The child detaches them (``weakref.finalize``'s registry is the only handle on them).
    """
    _ENVIRONMENTS.clear()
    _OWNED.clear()
    for finalizer in list(getattr(weakref.finalize, "_registry", {})):
        found = finalizer.peek()
        if found is not None and getattr(found[1], "__name__", "") == "_cleanup_process":
            finalizer.detach()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_environments)


def close_environments() -> None:
    """Stop and reap the subprocesses jedi started, now rather than at the interpreter's exit:
    a process that ends with ``os._exit`` (a pool worker, the fast exit of the command line)
    never runs the finalizers that would, and would leave them to the OS."""
    for environment in _ENVIRONMENTS.values():
        if id(environment) not in _OWNED:
            continue
        subprocess = getattr(environment, "_subprocess", None)
        kill = getattr(subprocess, "_kill", None)
        if callable(kill):
            with contextlib.suppress(Exception):  # already gone: nothing left to stop
                kill()
    _ENVIRONMENTS.clear()
    _OWNED.clear()


#: Absolute path → text of each buffer jedi should read instead of the disk.
_BUFFERS: dict[str, str] = {}


def set_buffer(path: str, text: Optional[str]) -> None:
    """Make jedi read ``text`` for ``path`` when another module imports it (``None``: the disk)."""
    key = os.path.abspath(path)
    if text is not None:
        _BUFFERS[key] = text
    elif _BUFFERS.pop(key, None) is not None:
        forget_parse(key)


def forget_parse(path: str) -> None:
    """Drop the trees parso keeps in memory for ``path`` (the disk is read again)."""
    key = os.path.abspath(path)
    for cached in parso.cache.parser_cache.values():
        # Keys are str or Path, and ``None`` for a script without a path.
        for cached_path in [p for p in cached if p is not None and os.fspath(p) == key]:
            del cached[cached_path]


_original_load = getattr(imports, "_load_python_module", None)


#: The attribute of an inference state that lists the files jedi loaded into it.
_LOADED = "_mp_lsp_loaded"


def loaded_files(script: Any) -> frozenset[str]:
    """Every file jedi loaded as a module into the inference state ``script`` uses (which
    :class:`SharedInferenceStates` shares between scripts): what its answers may come from,
    for the results cache (``sys.path`` edits included, which jedi follows)."""
    return frozenset(getattr(getattr(script, "_inference_state", None), _LOADED, ()))


class _DeferredModuleValue(ModuleValue):  # type: ignore[misc]
    """A module jedi found, parsed only when something reads its tree.

    jedi loads the source of a module next to its stub (``typing.py`` beside ``typing.pyi``)
    and reads it only for a name the stub lacks or to turn a stub's name into the source's:
    checking one ``Pool.map`` loads ``collections/__init__.py``, ``typing_extensions.py``,
    ``types.py`` and ``_collections_abc.py`` without reading them (~80 ms of unpickling parse
    trees and indexing their names). This value is jedi's own module value with the parse
    deferred: the first read of ``tree_node`` loads the module exactly as jedi would have
    (:data:`_original_load`); ``code_lines`` (whose first lines say whether a package is a
    namespace package) is read from the file until then.
    """

    def __init__(
        self, load: Callable[[], Any], inference_state: Any, file_io: Any,
        import_names: Any, is_package: bool,
    ) -> None:
        self._mp_load = load
        self._mp_loaded: Any = None
        self._mp_lines: Optional[list[str]] = None
        super().__init__(
            inference_state, None, None, file_io=file_io, string_names=import_names,
            is_package=is_package,
        )

    def _mp_module(self) -> Any:
        loaded = self._mp_loaded
        if loaded is None:
            loaded = self._mp_loaded = self._mp_load()
        return loaded

    @property  # type: ignore[override]
    def tree_node(self) -> Any:
        return self._mp_module().tree_node

    @tree_node.setter
    def tree_node(self, value: Any) -> None:
        """Set (to ``None``) by jedi's constructor: the load decides."""

    @property  # type: ignore[override]
    def code_lines(self) -> Any:
        if self._mp_loaded is not None:
            return self._mp_loaded.code_lines
        if self._mp_lines is None:
            # What jedi's parse decodes and parso splits (the parse's own lines once loaded).
            text = parso.python_bytes_to_unicode(
                self.file_io.read(), encoding="utf-8", errors="replace"
            )
            self._mp_lines = parso.split_lines(text, keepends=True)
        return self._mp_lines

    @code_lines.setter
    def code_lines(self, value: Any) -> None:
        """Set (to ``None``) by jedi's constructor: read from the file or the load."""


def _load_python_module(inference_state: Any, file_io: Any, *args: Any, **kwargs: Any) -> Any:
    loaded = getattr(inference_state, _LOADED, None)
    if loaded is not None:
        loaded.add(os.path.abspath(str(file_io.path)))
    buffer = _BUFFERS.get(os.path.abspath(str(file_io.path))) if _BUFFERS else None
    if buffer is None:
        if args or not set(kwargs) <= {"import_names", "is_package"}:
            return _original_load(inference_state, file_io, *args, **kwargs)
        return _DeferredModuleValue(
            lambda: _original_load(inference_state, file_io, **kwargs), inference_state,
            file_io, kwargs.get("import_names"), kwargs.get("is_package", False),
        )
    parse = inference_state.parse
    # jedi asks for parso's disk cache here; an unsaved buffer must not land in it.
    inference_state.parse = lambda **options: parse(**{**options, "cache": False})
    try:
        return _original_load(
            inference_state, KnownContentFileIO(str(file_io.path), buffer), *args, **kwargs
        )
    finally:
        del inference_state.parse


# Each hook is installed only where jedi still has what it wraps; without it, mp-lsp still
# works, only without that adaptation.
if callable(_original_load):
    imports._load_python_module = _load_python_module


class _UngeneratedGrammar:
    """What parso's grammar generator was given, for a grammar generated on first use."""

    __slots__ = ("arguments",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.arguments = (args, kwargs)


_generate_grammar = getattr(parso.grammar, "generate_grammar", None)


def _deferred_grammar(self: Any) -> Any:
    """A parso grammar's parser tables, generated when first read rather than when the
    grammar is loaded. jedi loads two grammars per process (the interpreter's and the latest,
    for stubs) at ~30 ms each, but it needs the tables only to parse: a module found in its
    disk cache of parse trees needs none, and every stub is usually found there."""
    state = self.__dict__
    tables = state.get("_mp_pgen_grammar", state.get("_pgen_grammar"))
    if isinstance(tables, _UngeneratedGrammar):
        args, kwargs = tables.arguments
        tables = state["_mp_pgen_grammar"] = _stored_tables(args, kwargs)
    return tables


def _stored_tables(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The tables of a grammar, from jedi's cache folder when an earlier process stored them
    (11 ms to load, 35 ms to generate: a fixed cost of every process that parses a file).
    Keyed by parso's version and the grammar's text; a file that cannot be read is generated
    again, and written beside and renamed, like parso's trees."""
    text = args[0] if len(args) == 1 and isinstance(args[0], str) else None
    if text is None or kwargs != {"token_namespace": PythonTokenTypes}:
        return _generate_grammar(*args, **kwargs)  # not Python's grammar: never stored
    key = hashlib.sha256(f"{parso.__version__}\0{text}".encode()).hexdigest()[:32]
    target = os.path.join(str(jedi.settings.cache_directory), f"mp-lsp-parser-tables-{key}.pickle")
    try:
        with open(target, "rb") as f, _no_collection():
            return pickle.load(f)
    except Exception:  # missing, half-written by an older mp-lsp, another parso's: generate
        pass
    tables = _generate_grammar(*args, **kwargs)
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _write_atomically(target, lambda f: _TablePickler(f, pickle.HIGHEST_PROTOCOL).dump(tables))
    except (OSError, pickle.PicklingError):  # a read-only cache folder: generate each time
        pass
    return tables


class _TablePickler(pickle.Pickler):
    """Pickles parser tables, whose token types are enum members that cannot be looked up by
    their value (it is an object of its own): stored by name instead."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, PythonTokenTypes):
            return getattr, (PythonTokenTypes, obj.name)
        return NotImplemented


def _set_grammar(self: Any, tables: Any) -> None:
    self.__dict__["_mp_pgen_grammar"] = tables


if callable(_generate_grammar) and not hasattr(parso.grammar.Grammar, "_pgen_grammar"):
    parso.grammar.generate_grammar = _UngeneratedGrammar
    parso.grammar.Grammar._pgen_grammar = property(_deferred_grammar, _set_grammar)


_walk_for_name = getattr(tree.Module, "get_name_of_position", None)


def _name_of_position(self: Any, position: tuple[int, int]) -> Any:
    """The name leaf that spans ``position`` (ends included), first in tree order."""
    try:
        leaf = self.get_leaf_for_position(position)
    except ValueError:  # outside the module
        return None
    if leaf is None:
        return _walk_for_name(self, position)
    # At a boundary the bisection may land on the neighbour of the name (``a.|b``).
    for candidate in (leaf.get_previous_leaf(), leaf, leaf.get_next_leaf()):
        if candidate is not None and candidate.type == "name" and (
            candidate.start_pos <= position <= candidate.end_pos
        ):
            return candidate
    return None


if callable(_walk_for_name) and hasattr(tree.Module, "get_leaf_for_position"):
    tree.Module.get_name_of_position = _name_of_position


_parso_load = parso.cache._load_from_file_system


def _save_atomically(hashed_grammar: Any, path: Any, item: Any, cache_path: Any = None) -> None:
    """parso writes its on-disk cache of parse trees in place, while other processes (the
    CLI's workers, an editor's server, another checker) read the same files: a reader could
    find half a pickle and lose a module's inference. Written beside and renamed, a cache file
    is whole or absent."""
    target = parso.cache._get_hashed_path(hashed_grammar, path, cache_path=cache_path)
    _write_atomically(target, lambda f: pickle.dump(item, f, pickle.HIGHEST_PROTOCOL))


def _write_atomically(target: str, write: Callable[[BinaryIO], None]) -> None:
    """Write a cache file beside its place and rename it there: a reader in another process
    finds it whole or absent."""
    partial = f"{target}.{os.getpid()}.tmp"
    with open(partial, "wb") as f:
        write(f)
    os.replace(partial, target)


def _load_tolerantly(hashed_grammar: Any, path: Any, p_time: Any, cache_path: Any = None) -> Any:
    """A cache file that cannot be read (one written in place by another parso) is a miss:
    the module is parsed again rather than left without a tree.

    The cyclic garbage collector is off while a tree is unpickled (:func:`_no_collection`)."""
    try:
        with _no_collection():
            return _parso_load(hashed_grammar, path, p_time, cache_path=cache_path)
    except (EOFError, OSError, ValueError, AttributeError, ImportError, IndexError,
            pickle.UnpicklingError):
        return None


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector off while a pickle is loaded: every object it makes is
    new and lives on, so each collection the load would trigger scans a heap that holds no
    garbage (``builtins.pyi``, 4.7 MB of pickle: 65 ms to load without, 90 to 115 ms with)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


parso.cache._save_to_file_system = _save_atomically
parso.cache._load_from_file_system = _load_tolerantly


def prime_parse(environment: Any, path: str) -> None:
    """Put the tree of a file about to be analysed in parso's in-memory cache, from its
    on-disk cache when that holds the file, else parsed from the disk (and saved there for the
    next run).

    ``jedi.Script`` parses the text it is given without the disk cache (its text may be an
    unsaved buffer), but with the in-memory one, where a tree whose lines equal the text is
    taken as it is. So a checked file whose text is its disk's (the caller's test) is read from
    a pickle, as an imported module is, instead of parsed: parsing was a quarter of what
    checking a tree of packages cost. parso reads the file itself, so what it caches for the
    path is the disk's text whatever the caller was given; and the script still compares the
    cached tree's lines with its own text, re-parsing what differs.
    """
    if path.endswith(".pyi"):
        return  # a stub takes jedi's latest grammar, not the environment's
    try:
        environment.get_grammar().parse(
            path=path, cache=True, diff_cache=True, cache_path=jedi.settings.cache_directory,
        )
    except Exception:  # parso could not read or cache it: the script parses it, as before
        return


_UsedNamesFilter = getattr(filters, "_AbstractUsedNamesFilter", None)
_filter_init = getattr(_UsedNamesFilter, "__init__", None)


def _cache_entry(grammar: Any, path: Any) -> Any:
    """jedi's ``get_parso_cache_node`` without its ``KeyError``: parso's entry for a path,
    or ``None`` when parso dropped it (jedi's filters then cache nothing)."""
    return parso.cache.parser_cache.get(grammar._hashed, {}).get(path)


def _cache_entry_of(self: Any, parent_context: Any, node_context: Any = None) -> None:
    """A filter of a module's names, keyed by parso's entry for the module only when that
    entry holds the module's own tree: after an eviction the entry may be a later parse of
    the same file, whose cached names are not this tree's."""
    _filter_init(self, parent_context, node_context)
    entry = getattr(self, "_parso_cache_node", None)
    if entry is not None:
        context = parent_context if node_context is None else node_context
        if entry.node is not context.get_root_context().tree_node:
            self._parso_cache_node = None


if callable(_filter_init) and callable(getattr(filters, "get_parso_cache_node", None)):
    filters.get_parso_cache_node = _cache_entry
    _UsedNamesFilter.__init__ = _cache_entry_of


_walk_for_used_names = getattr(tree.Module, "get_used_names", None)
_UsedNamesMapping = getattr(tree, "UsedNamesMapping", None)


def _used_names(self: Any) -> Any:
    """parso's ``Module.get_used_names`` (every name leaf by its text, in tree order), read
    with a stack instead of a recursive call per node: a third of the time, which jedi spends
    on every module it loads (~40 ms for ``builtins.pyi`` before, ~14 ms now).
    The same mapping: the same names in the same order, each with the same leaves."""
    used = self._used_names
    if used is not None:
        return used
    found: dict[str, list[Any]] = {}
    #: Per class of node: 0 a name leaf, 1 another leaf, 2 a node with children.
    kinds = _NODE_KINDS
    todo = list(reversed(self.children))
    pop = todo.pop
    extend = todo.extend
    while todo:
        node = pop()
        kind = kinds.get(type(node))
        if kind is None:
            kind = _node_kind(node)
        if kind == 2:
            extend(reversed(node.children))
        elif kind == 0:
            leaves = found.get(node.value)
            if leaves is None:
                found[node.value] = [node]
            else:
                leaves.append(node)
    self._used_names = used = _UsedNamesMapping(found)
    return used


_NODE_KINDS: dict[type, int] = {}


def _node_kind(node: Any) -> int:
    """What :func:`_used_names` does with a node of this class (as parso's walk decides:
    a node has ``children``, a leaf is a name if its ``type`` is ``"name"``), noted per
    class when that cannot vary between its instances."""
    cls = type(node)
    if hasattr(node, "children"):
        _NODE_KINDS[cls] = 2  # a slot of every node
        return 2
    kind = 0 if node.type == "name" else 1
    # A leaf's ``type`` is a class attribute in parso; one set per instance could differ.
    if isinstance(getattr(cls, "type", None), str) and not hasattr(node, "__dict__"):
        _NODE_KINDS[cls] = kind
    return kind


if callable(_walk_for_used_names) and _UsedNamesMapping is not None and hasattr(
    tree.Module, "_used_names"
):
    tree.Module.get_used_names = _used_names


_numpy_doc_string_cls = getattr(docstrings, "_get_numpy_doc_string_cls", None)


def _remembered_numpy_doc_string_cls() -> Any:
    """jedi's numpydoc lookup, whose failure is remembered as jedi means it to be.

    jedi reads a function's docstring for its return and parameter types, and each time asks
    for ``numpydoc``'s parser: it keeps the exception of a failed import to raise it again,
    but never stores it, so without numpydoc installed every docstring it reads searches
    ``sys.path`` for it again (4,891 times over the 99 dask/array files the prefilter keeps in
    the installed-packages tree). The first failure is kept where jedi looks for it.
    """
    try:
        return _numpy_doc_string_cls()  # type: ignore[misc]
    except (ImportError, SyntaxError) as error:
        docstrings._numpy_doc_string_cache = error
        raise


if callable(_numpy_doc_string_cls) and hasattr(docstrings, "_numpy_doc_string_cache"):
    docstrings._get_numpy_doc_string_cls = _remembered_numpy_doc_string_cls


class SharedInferenceStates:
    """One jedi inference state per directory, shared by the scripts made there.

    Each ``jedi.Script`` normally gets a fresh inference state, so every version of a file
    infers ``multiprocessing``, typeshed and the other imported modules from scratch: most of
    what a warm analysis costs. Scripts of one directory (the state's import paths depend on
    it) share one state instead, which keeps what it inferred about imported modules.

    What a state knows about a workspace module is stale once the module changes:
    :meth:`forget` drops the module, and drops the whole state if another workspace module it
    loaded imports the changed one. A state is also rebuilt after :data:`SCRIPTS_PER_STATE`
    scripts: its caches hold the syntax trees of every version it saw.
    """

    SCRIPTS_PER_STATE = 50

    def __init__(self, is_workspace_file: Callable[[str], bool],
                 read: Callable[[str], str]) -> None:
        self._is_workspace_file = is_workspace_file
        self._read = read
        self._states: dict[str, tuple[Any, int]] = {}

    def adopt(self, script: Any) -> None:
        """Give ``script`` its directory's state (a new one if there is none or it is full)."""
        if not hasattr(script, "_inference_state"):
            return  # a jedi without it: every script keeps its own state
        directory = os.path.dirname(str(script.path))
        state, uses = self._states.get(directory, (None, 0))
        if state is None or uses >= self.SCRIPTS_PER_STATE:
            state, uses = script._inference_state, 0
        # jedi stops inferring a syntax node after 300 inferences of it in one state, a limit
        # meant for one script's lifetime: counted across scripts, the nodes of library stubs
        # (``multiprocessing.context``) would soon infer to nothing.
        counts = getattr(state, "inferred_element_counts", None)
        if isinstance(counts, dict):
            counts.clear()
        if not hasattr(state, _LOADED):
            setattr(state, _LOADED, set())
        script._inference_state = state
        self._states[directory] = (state, uses + 1)

    def loaded(self) -> dict[int, frozenset[str]]:
        """What each shared state has loaded so far (:func:`loaded_files`), by the state's id."""
        return {
            id(state): frozenset(getattr(state, _LOADED, ()))
            for state, _ in self._states.values()
        }

    def forget(self, path: str) -> None:
        """``path`` changed: drop it from every state, or drop the states that depend on it."""
        changed = os.path.abspath(path)
        imports = importer_pattern(changed)
        for directory, (state, _) in list(self._states.items()):
            entries = self._entries_of(state, changed, imports)
            if entries is None:
                del self._states[directory]
                continue
            for names in entries:
                state.module_cache._name_cache.pop(names, None)

    def _entries_of(
        self, state: Any, changed: str, imports: Optional[re.Pattern[str]]
    ) -> Optional[list[tuple[str, ...]]]:
        """The module-cache entries of the changed file; ``None`` when another workspace
        module in the cache imports it (what the state inferred there may be stale too)."""
        entries = []
        for names, values in getattr(state.module_cache, "_name_cache", {}).items():
            for value in values:
                file = getattr(value, "py__file__", lambda: None)()
                if file is None:
                    continue
                if str(file) == changed:
                    entries.append(names)
                elif (imports is not None and self._is_workspace_file(str(file))
                      and imports.search(self._read(str(file)))):
                    return None
        return entries


_infer_return_types = getattr(annotation, "infer_return_types", None)


def _return_types(function: Any, arguments: Any) -> Any:
    """jedi's types of what a function returns by its annotation, but for a method annotated
    ``-> Self``: an instance of the class it is called on, as ``typing.Self`` means.

    jedi executes ``Self`` as the class that defines the method, so ``Path(root) / "logs"``
    (``PurePath.__truediv__``) is a ``PurePath``, which has no ``open`` or ``iterdir``: the
    open file of ``(Path(root) / "run.log").open("a")`` kept on an instance was unknown, and
    so unjudged. typeshed annotates most of the standard library's "a new one of mine"
    methods so (``joinpath``, ``parent``, ``with_suffix``, ``datetime.replace``...). The
    receiver is the value the method's first parameter is bound to: the instance (or, for a
    class method, the class) it was looked up on, when that class derives from the method's.
    """
    values = _infer_return_types(function, arguments)  # type: ignore[misc]
    returned = getattr(function.tree_node, "annotation", None)  # after the ``->``
    if getattr(returned, "type", None) != "name" or returned.value != "Self":
        return values
    owner = getattr(function, "class_context", None)
    receivers = _receivers(arguments) if owner is not None else None
    if not receivers:
        return values
    owner_names = _class_names(owner.get_value())
    classes = []
    for receiver in receivers:
        cls = receiver if receiver.is_class() else receiver.py__class__()
        if owner_names not in (_class_names(base) for base in cls.py__mro__()):
            return values  # bound to something else: jedi's answer stands
        classes.append(cls)
    return ValueSet.from_sets(cls.execute_annotation(None) for cls in classes)


def _receivers(arguments: Any) -> Any:
    """What a method's first parameter is bound to: the instance a bound method holds, else
    the first argument (a property's getter, a class method's class, ``Path.joinpath(p)``)."""
    instance = getattr(arguments, "instance", None)
    if instance is not None:
        return ValueSet([instance])
    for _, lazy_value in arguments.unpack():
        return lazy_value.infer()
    return None


def _class_names(cls: Any) -> tuple[Optional[str], Optional[str]]:
    """A class by its module's and its own name: a stub's class and the class its module
    defines are two jedi values for one class."""
    return cls.get_root_context().py__name__(), cls.py__name__()


if callable(_infer_return_types):
    annotation.infer_return_types = _return_types
