"""Three adaptations of jedi: unsaved buffers of other files, a fast position lookup, and
inference states shared between the versions of a file.

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

**One environment.** :func:`shared_environment`: the subprocess jedi runs an interpreter in is
started once per process, and :func:`close_environments` stops it before the process ends.

This module imports jedi: :mod:`mp_lsp.engine.project` imports it on the first question asked
of jedi, never before.
"""

from __future__ import annotations

import contextlib
import os
import re
import weakref
from typing import Any, Callable, Optional

import jedi
import parso.cache
from jedi.file_io import KnownContentFileIO
from jedi.inference import imports
from parso.python import tree

from mp_lsp.engine.scan import importer_pattern

#: The jedi environment of each interpreter (``None``: jedi's default), one per process.
_ENVIRONMENTS: dict[Optional[str], Any] = {}
#: The environments whose subprocess this process starts. jedi caches its default environment
#: across a fork: a forked worker gets the parent's, subprocess and pipes included, and must
#: not stop it (closing pipes whose locks the parent's threads held at the fork hangs).
_OWNED: set[int] = set()


def shared_environment(python: Optional[str]) -> Any:
    """The process's jedi environment for ``python`` (``None``: the default one).

    jedi starts a subprocess for an environment, to ask that interpreter about compiled
    modules; every ``Project`` of the process (the server builds a new one when its settings
    change) shares it rather than starting another, and :func:`close_environments` ends it.
    Raises what ``jedi.create_environment`` raises for an interpreter it cannot use.
    """
    environment = _ENVIRONMENTS.get(python)
    if environment is None:
        if python:
            environment = jedi.create_environment(python, safe=False)
        else:
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
        for cached in parso.cache.parser_cache.values():
            for cached_path in [p for p in cached if os.fspath(p) == key]:  # str or Path
                del cached[cached_path]


_original_load = getattr(imports, "_load_python_module", None)


#: The attribute of an inference state that lists the files jedi loaded into it.
_LOADED = "_mp_lsp_loaded"


def loaded_files(script: Any) -> frozenset[str]:
    """Every file jedi loaded as a module into the inference state ``script`` uses (which
    :class:`SharedInferenceStates` shares between scripts): what its answers may come from,
    for the results cache (``sys.path`` edits included, which jedi follows)."""
    return frozenset(getattr(getattr(script, "_inference_state", None), _LOADED, ()))


def _load_python_module(inference_state: Any, file_io: Any, *args: Any, **kwargs: Any) -> Any:
    loaded = getattr(inference_state, _LOADED, None)
    if loaded is not None:
        loaded.add(os.path.abspath(str(file_io.path)))
    buffer = _BUFFERS.get(os.path.abspath(str(file_io.path))) if _BUFFERS else None
    if buffer is None:
        return _original_load(inference_state, file_io, *args, **kwargs)
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
