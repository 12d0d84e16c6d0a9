"""The workspace as inference sees it: its files, their parsed forms and jedi, in one place.

Every call into jedi's public API is made here (the project, the environment, scripts,
``goto``/``infer``/``execute``); :mod:`mp_lsp.engine.jedi_hooks` holds the adaptations of its
internals. Open editor buffers are registered as overlays so that unsaved text wins over the
disk. Nothing here imports or runs the user's code: jedi reads source.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from mp_lsp.engine.knowledge.sinks import PROCESS_IMPORT
from mp_lsp.engine.notebook import NOTEBOOK_SUFFIX
from mp_lsp.engine.scan import witness_strings
from mp_lsp.engine.syntax import ModuleSyntax
from mp_lsp.engine.text import read_lenient

if TYPE_CHECKING:
    import jedi
    from jedi.api.classes import Name

    from mp_lsp.engine.jedi_hooks import SharedInferenceStates

#: Where the jedi adaptations live once imported (jedi is imported on the first question).
_HOOKS = "mp_lsp.engine.jedi_hooks"

#: Path parts of files that are libraries, never the user's workspace.
_LIBRARY_MARKERS = (
    "site-packages", "dist-packages", "typeshed", os.sep + "lib" + os.sep + "python"
)


#: Files that mark a project's root, as ruff and jedi look for them.
ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git", ".hg")


def project_root(start: Union[str, Path]) -> Path:
    """The folder of the nearest project marker at or above ``start`` (else ``start``'s own):
    the same root, and so the same imports for jedi, whichever of its files or folders is
    checked (``mp-lsp check docs/x.py`` and ``mp-lsp check .`` see one project)."""
    start = Path(os.path.abspath(start))
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return directory


def _default_python_version() -> tuple[int, int]:
    """The version of the Python jedi's default environment is: the active virtual
    environment's (its ``pyvenv.cfg`` says), else the running one's."""
    virtual_env = os.environ.get("VIRTUAL_ENV")
    if virtual_env and os.path.realpath(virtual_env) != os.path.realpath(sys.prefix):
        try:
            with open(os.path.join(virtual_env, "pyvenv.cfg"), encoding="utf-8") as file:
                for line in file:
                    key, _, value = line.partition("=")
                    if key.strip() in ("version_info", "version"):
                        major, minor = value.strip().split(".")[:2]
                        return int(major), int(minor)
        except (OSError, ValueError):
            pass
    return sys.version_info[0], sys.version_info[1]


class Project:
    """The jedi project and the parsed files inference reads, shared by every file's analysis."""

    def __init__(self, root: Union[str, Path], python: Optional[str] = None) -> None:
        self.root = Path(root).resolve()
        self._python = python
        self._jedi_project: Optional[jedi.Project] = None
        self._environment: object = None
        self._states: Optional[SharedInferenceStates] = None
        self._overlays: dict[str, str] = {}
        self._syntax: dict[str, tuple[object, Optional[ModuleSyntax]]] = {}
        self._scripts: dict[str, tuple[str, jedi.Script]] = {}
        self._pinned: Optional[ModuleSyntax] = None
        #: The scripts used since ``track_reads`` (``None``: not tracking), and what each
        #: inference state had loaded then (by ``id``).
        self._used_scripts: Optional[dict[str, jedi.Script]] = None
        self._loaded_before: dict[int, frozenset[str]] = {}
        self._process_witnesses: dict[str, Optional[frozenset[str]]] = {}
        self._raw_texts: dict[str, str] = {}
        #: A counter of file changes, and the count at each file's last change: how a memo of
        #: earlier results tells whether another file changed since (see ``changed_since``).
        self.revision = 0
        self._changed_at: dict[str, int] = {}
        if python:
            self._load_jedi()  # an interpreter jedi cannot use fails here, where callers look

    def _load_jedi(self) -> jedi.Project:
        """jedi, its adaptations and the environment, on the first question asked of jedi.

        A run whose files never reach a sink never pays for them (the imports alone are
        ~0.2 s; the environment starts a subprocess). The environment is the process's one
        for that interpreter (:func:`~mp_lsp.engine.jedi_hooks.shared_environment`).
        """
        if self._jedi_project is not None:
            return self._jedi_project
        import jedi

        from mp_lsp.engine import jedi_hooks

        # jedi's "dynamic params" types a parameter by searching the file (and other modules)
        # for calls of its function. It costs most of the analysis time on large files and
        # finds nothing the engine relies on: parameters are typed by annotations, constructor
        # arguments are bound by the judge, and an unknown value stays silent.
        jedi.settings.dynamic_params = False
        jedi.settings.dynamic_params_for_other_modules = False
        python = self._python
        self._environment = jedi_hooks.shared_environment(python)
        self._states = jedi_hooks.SharedInferenceStates(self.is_workspace_file, self.raw_text)
        for path, buffer in self._overlays.items():  # registered before jedi was needed
            jedi_hooks.set_buffer(path, buffer)
        self._jedi_project = (
            jedi.Project(self.root, environment_path=python) if python else jedi.Project(self.root)
        )
        return self._jedi_project

    @property
    def jedi_project(self) -> jedi.Project:
        return self._load_jedi()

    @property
    def python_version(self) -> tuple[int, int]:
        """The version of the Python whose packages jedi reads: the default target version
        (:mod:`mp_lsp.engine.targets`). Without an interpreter named, that is jedi's default:
        the active virtual environment's, else this one, read without loading jedi."""
        if self._environment is None and not self._python:
            return _default_python_version()
        self._load_jedi()
        info = getattr(self._environment, "version_info", None)
        return (int(info[0]), int(info[1])) if info else (sys.version_info[0], sys.version_info[1])

    # -- files -----------------------------------------------------------------------------
    def set_overlay(self, path: str, source: Optional[str]) -> None:
        """Use ``source`` for ``path`` instead of the disk (``None`` removes the overlay)."""
        key = os.path.abspath(path)
        if source is not None and self._overlays.get(key) == source:
            return  # the server re-registers a buffer before each analysis: keep the caches
        # ``None`` also says "changed on disk": the caches always go.
        if source is None:
            self._overlays.pop(key, None)
        else:
            self._overlays[key] = source
        hooks = sys.modules.get(_HOOKS)
        if hooks is not None:  # else jedi is not loaded yet: _load_jedi registers the buffers
            hooks.set_buffer(key, source)
        self.forget(key)

    def forget(self, path: str) -> None:
        """Drop what is cached about a file that changed (an edit, or a change on disk).

        Every jedi script goes: any of them may have inferred through the changed file.
        """
        key = os.path.abspath(path)
        self.revision += 1
        self._changed_at[key] = self.revision
        self._scripts.clear()
        if self._states is not None:
            self._states.forget(key)
        self._syntax.pop(key, None)
        self._process_witnesses.pop(key, None)
        self._raw_texts.pop(key, None)

    def changed_since(self, revision: int, ignoring: str) -> bool:
        """Whether a file other than ``ignoring`` changed after ``revision``."""
        ignored = os.path.abspath(ignoring)
        return any(
            at > revision for path, at in self._changed_at.items() if path != ignored
        )

    def is_workspace_file(self, path: Union[str, Path, None]) -> bool:
        if path is None:
            return False
        text = str(path)
        # A notebook (its code cells as one module, mp_lsp.engine.notebook) is a workspace file.
        if not text.endswith((".py", NOTEBOOK_SUFFIX)) or any(
            marker in text for marker in _LIBRARY_MARKERS
        ):
            return False
        if self._pinned is not None and self._pinned.path == text:
            return True
        return Path(text).resolve().is_relative_to(self.root) or text in self._overlays

    def syntax(self, path: str) -> Optional[ModuleSyntax]:
        """The parsed file, from its overlay or from disk; ``None`` if it cannot be parsed."""
        key = os.path.abspath(path)
        if self._pinned is not None and self._pinned.path == key:
            return self._pinned
        if key in self._overlays:
            stamp: object = ("overlay", hash(self._overlays[key]))
        else:
            try:
                stat = os.stat(key)
            except OSError:
                return None
            stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._syntax.get(key)
        if cached and cached[0] == stamp:
            return cached[1]
        module: Optional[ModuleSyntax]
        source = self._overlays.get(key)
        try:
            module = ModuleSyntax(key, read_lenient(key) if source is None else source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            module = None
        self._syntax[key] = (stamp, module)
        return module

    def pin(self, module: Optional[ModuleSyntax]) -> None:
        """Make the module being analysed win over the disk while it is analysed."""
        self._pinned = module

    def raw_text(self, path: str) -> str:
        """A file's text (overlay first), cached until :meth:`forget`."""
        key = os.path.abspath(path)
        if key not in self._raw_texts:
            text = self._overlays.get(key)
            self._raw_texts[key] = read_lenient(key) if text is None else text
        return self._raw_texts[key]

    def process_witnesses(self, path: str) -> Optional[frozenset[str]]:
        """The scan's witness strings in a workspace file if it imports a process API, else
        ``None`` (:func:`~mp_lsp.engine.scan.process_context`).

        Cached by path; a regex and substring searches over the text, no parse. Overlays
        (unsaved buffers) win.
        """
        key = os.path.abspath(path)
        if key not in self._process_witnesses:
            text = self.raw_text(key)
            self._process_witnesses[key] = (
                witness_strings(text) if PROCESS_IMPORT.search(text) else None
            )
        return self._process_witnesses[key]

    # -- jedi ------------------------------------------------------------------------------
    def _script(self, module: ModuleSyntax) -> jedi.Script:
        cached = self._scripts.get(module.path)
        if cached and cached[0] is module.source:
            if self._used_scripts is not None:
                self._used_scripts[module.path] = cached[1]
            return cached[1]
        project = self._load_jedi()
        import jedi

        from mp_lsp.engine import jedi_hooks

        key = os.path.abspath(module.path)
        if key not in self._overlays and module.source == self.raw_text(key):
            # The path spelled as the script spells it (absolute, not normalised): parso's
            # cache is keyed by it.
            jedi_hooks.prime_parse(self._environment, str(Path(module.path).absolute()))
        script = jedi.Script(
            module.source, path=module.path, project=project, environment=self._environment,
        )
        assert self._states is not None
        self._states.adopt(script)
        self._scripts[module.path] = (module.source, script)
        if self._used_scripts is not None:
            self._used_scripts[module.path] = script
        return script

    def track_reads(self) -> None:
        """Start noting the jedi scripts used and what jedi loads, for :meth:`jedi_reads`."""
        self._used_scripts = {}
        self._loaded_before = self._states.loaded() if self._states is not None else {}

    def jedi_reads(self) -> tuple[frozenset[str], frozenset[str]]:
        """What jedi loaded for the analysis since :meth:`track_reads`, for the results cache:
        the files it loaded meanwhile, and every file loaded into the inference states it
        used. States are shared, so a module an earlier analysis loaded is reused without a
        load: such a module is one the analysis reached by its imports (which the cache
        follows in the text) unless a ``sys.path`` edit led jedi there, when the second set
        is what counts."""
        hooks = sys.modules.get(_HOOKS)
        if hooks is None or self._used_scripts is None:
            return frozenset(), frozenset()
        new: set[str] = set()
        every: set[str] = set()
        for script in self._used_scripts.values():
            loaded = hooks.loaded_files(script)
            every |= loaded
            state = getattr(script, "_inference_state", None)
            new |= loaded - self._loaded_before.get(id(state), frozenset())
        return frozenset(new), frozenset(every)

    def ask(self, method: str, module: ModuleSyntax, node: ast.expr) -> list[Name]:
        """jedi's ``goto`` (with imports followed) or ``infer`` answer for an expression.

        jedi is asked just after the expression's end (after a call's ``)``, a name's last
        letter), which is where it reads the whole expression rather than a part of it.
        """
        line = node.end_lineno or node.lineno
        column = module.char_column(line, node.end_col_offset or 0)
        script = self._script(module)
        try:
            if method == "goto":
                return script.goto(line, column, follow_imports=True)
            return script.infer(line, column)
        except Exception:  # jedi raises on odd input; an unknown value is the honest answer
            return []

    @staticmethod
    def execute(name: Name) -> list[Name]:
        """What calling a jedi name returns (``[]`` when jedi cannot say)."""
        try:
            return list(name.execute())
        except Exception:  # jedi's execute fails on odd stubs: unknown, not an error
            return []
