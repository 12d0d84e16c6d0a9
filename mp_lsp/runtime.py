"""Process-wide settings for the programs that run the engine (the CLI, the server).

The engine itself never changes its process: a library must not. The faces call these once at
start-up.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Optional

#: ``sys.path`` as the interpreter made it at the program's start, without the entry for the
#: script's folder or the working directory, noted by :func:`note_startup`; ``None``
#: when the engine runs inside another program (a test runner, an embedding), whose
#: ``sys.path`` may have been changed.
_startup_path: Optional[tuple[str, ...]] = None

#: Set (to anything) to make jedi ask the interpreter in a subprocess, as jedi does by default,
#: rather than in this process (:func:`in_process_sys_path`).
JEDI_SUBPROCESS_VARIABLE = "MP_LSP_JEDI_SUBPROCESS"


def relax_garbage_collection() -> None:
    """Make CPython's cyclic garbage collector run far less often, as mypy does.

    Analysis builds large short-lived trees (an ``ast`` parse of a 10,000-line file is ~100,000
    objects) while jedi's caches make the heap big; with the default thresholds the collector
    rescans that heap again and again: a third of a CLI run over the standard library, and
    0.3 s of every 0.4 s parse in the server. A process-wide setting, so the CLI and the server
    call it, never the engine itself.
    """
    gc.set_threshold(200_000, 50, 100)


def note_startup(path: Optional[tuple[str, ...]] = None) -> None:
    """Note the interpreter's start-up ``sys.path`` (``path``: one a parent process noted, for
    a worker it started): the program's first act, before anything can change it.

    With it, jedi reads the running interpreter in this process instead of starting a
    subprocess to ask it (see :mod:`mp_lsp.engine.jedi_hooks`): the subprocess's start and its
    round trips are most of the fixed cost of checking one small file.
    """
    global _startup_path
    if path is None:
        # The script's folder or the working directory comes first, unless -P left it out.
        first = 0 if getattr(sys.flags, "safe_path", False) else 1
        path = tuple(sys.path[first:])
    _startup_path = tuple(path)


def startup_path() -> Optional[tuple[str, ...]]:
    """What :func:`note_startup` noted (``None``: nothing)."""
    return _startup_path


def in_process_sys_path(python: Optional[str] = None) -> Optional[tuple[str, ...]]:
    """The ``sys.path`` a jedi subprocess of the running interpreter would report, when jedi
    may read this interpreter in this process instead; ``None`` when it must not.

    ``python``: the interpreter jedi is to read (``None``: jedi's default one). It may when that
    is this interpreter (the same executable; by default, when no other virtual environment or
    conda environment is active: jedi's own rule), the start-up path is known, no flag (``-I``,
    ``-E``, ``-s``, ``-S``) gave this process another ``sys.path`` than a plain ``python``
    would have, and :data:`JEDI_SUBPROCESS_VARIABLE` does not ask for the subprocess.
    """
    if _startup_path is None or os.environ.get(JEDI_SUBPROCESS_VARIABLE):
        return None
    flags = sys.flags
    if flags.isolated or flags.ignore_environment or flags.no_user_site or flags.no_site:
        return None
    if python is not None:
        return _startup_path if is_running_interpreter(python) else None
    prefix = os.path.realpath(sys.prefix)
    for variable in ("VIRTUAL_ENV", "CONDA_PREFIX"):
        value = os.environ.get(variable)
        if value and os.path.realpath(value) != prefix:
            return None
    if not os.path.basename(sys.executable).lower().startswith("python"):
        return None  # an embedding interpreter: jedi looks for another executable
    return _startup_path


def is_running_interpreter(python: str) -> bool:
    """Whether the executable ``python`` is the one running: the same path, or the same file
    in the same folder (``python`` and ``python3`` of one virtual environment). Links are not
    followed across folders: a virtual environment's ``python`` links to the base one, whose
    ``sys.path`` differs."""
    ours = os.path.abspath(sys.executable)
    theirs = os.path.abspath(os.path.expanduser(python))
    if theirs == ours:
        return True
    if os.path.dirname(theirs) != os.path.dirname(ours):
        return False
    try:
        return os.path.isfile(theirs) and os.path.samefile(theirs, ours)
    except OSError:
        return False
