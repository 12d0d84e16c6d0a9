"""The workspace as inference sees it: its files, their parsed forms and jedi, in one place.

Every call into jedi's public API is made here (the project, the environment, scripts,
``goto``/``infer``/``execute``); :mod:`mp_lsp.engine.jedi_hooks` holds the adaptations of its
internals. Open editor buffers are registered as overlays so that unsaved text wins over the
disk. Nothing here imports or runs the user's code: jedi reads source.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

import jedi

from mp_lsp.engine import jedi_hooks
from mp_lsp.engine.knowledge.sinks import PROCESS_IMPORT
from mp_lsp.engine.syntax import ModuleSyntax
from mp_lsp.engine.text import read_lenient

if TYPE_CHECKING:
    from jedi.api.classes import Name

#: Path parts of files that are libraries, never the user's workspace.
_LIBRARY_MARKERS = (
    "site-packages", "dist-packages", "typeshed", os.sep + "lib" + os.sep + "python"
)


class Project:
    """The jedi project and the parsed files inference reads, shared by every file's analysis."""

    def __init__(self, root: Union[str, Path], python: Optional[str] = None) -> None:
        # jedi's "dynamic params" types a parameter by searching the file (and other modules)
        # for calls of its function. It costs most of the analysis time on large files and
        # finds nothing the engine relies on: parameters are typed by annotations, constructor
        # arguments are bound by the judge, and an unknown value stays silent.
        jedi.settings.dynamic_params = False
        jedi.settings.dynamic_params_for_other_modules = False
        self.root = Path(root).resolve()
        self._environment = jedi.create_environment(python, safe=False) if python else None
        self.jedi_project = (
            jedi.Project(self.root, environment_path=python) if python else jedi.Project(self.root)
        )
        self._overlays: dict[str, str] = {}
        self._syntax: dict[str, tuple[object, Optional[ModuleSyntax]]] = {}
        self._scripts: dict[str, tuple[str, jedi.Script]] = {}
        self._pinned: Optional[ModuleSyntax] = None
        self._process_texts: dict[str, Optional[str]] = {}
        self._raw_texts: dict[str, str] = {}
        #: A counter of file changes, and the count at each file's last change: how a memo of
        #: earlier results tells whether another file changed since (see ``changed_since``).
        self.revision = 0
        self._changed_at: dict[str, int] = {}
        self._states = jedi_hooks.SharedInferenceStates(self.is_workspace_file, self.raw_text)

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
        jedi_hooks.set_buffer(key, source)
        self.forget(key)

    def forget(self, path: str) -> None:
        """Drop what is cached about a file that changed (an edit, or a change on disk).

        Every jedi script goes: any of them may have inferred through the changed file.
        """
        key = os.path.abspath(path)
        self.revision += 1
        self._changed_at[key] = self.revision
        self._scripts.clear()
        self._states.forget(key)
        self._syntax.pop(key, None)
        self._process_texts.pop(key, None)
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
        if not text.endswith(".py") or any(marker in text for marker in _LIBRARY_MARKERS):
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

    def process_text(self, path: str) -> Optional[str]:
        """A workspace file's text if it imports a process API, else ``None``.

        Cached by path; a regex over the text, no parse. Overlays (unsaved buffers) win.
        """
        key = os.path.abspath(path)
        if key not in self._process_texts:
            text = self.raw_text(key)
            self._process_texts[key] = text if PROCESS_IMPORT.search(text) else None
        return self._process_texts[key]

    # -- jedi ------------------------------------------------------------------------------
    def _script(self, module: ModuleSyntax) -> jedi.Script:
        cached = self._scripts.get(module.path)
        if cached and cached[0] is module.source:
            return cached[1]
        script = jedi.Script(
            module.source, path=module.path, project=self.jedi_project,
            environment=self._environment,
        )
        self._states.adopt(script)
        self._scripts[module.path] = (module.source, script)
        return script

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
