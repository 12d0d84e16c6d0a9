"""What one analysis is asked to report: the settings the engine reads.

They are made by :mod:`mp_lsp.settings` from ``pyproject.toml`` and the editor; the engine only
reads them, so it never depends on how they were written down.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Iterable, Optional

from mp_lsp.engine.findings import Severity, StartMethod
from mp_lsp.engine.targets import Platform

#: A set of glob patterns as two expressions: one for the patterns matched against an entry's
#: name (no ``/``), one for those matched against its relative path.
_Matchers = tuple[Optional["re.Pattern[str]"], Optional["re.Pattern[str]"]]

#: Directories that never hold the user's own code; excluded even when ``exclude`` is set, so
#: that ``mp-lsp check .`` does not wander into a virtual environment or a build tree.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "__pypackages__",
    "_build",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
)

#: The files a directory walk checks, by name: Python files and Jupyter notebooks.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.py", "*.ipynb")

#: The selector that means "every rule", as in ruff.
ALL = "ALL"


def _specificity(selectors: Iterable[str], code: str) -> int:
    """The length of the longest selector matching ``code``; ``ALL`` counts as 0, no match -1."""
    best = -1
    for selector in selectors:
        if selector == ALL:
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


@dataclass(frozen=True)
class Settings:
    """What to report and where to look.

    ``start_method`` ``None`` means portable: report what fails under any start method, because
    code that works with ``fork`` on Linux breaks under the ``spawn`` default of macOS and
    Windows. ``select`` empty means every rule. ``exclude`` holds glob patterns relative to the
    configuration root and is applied on top of :data:`DEFAULT_EXCLUDE`.
    """

    start_method: Optional[StartMethod] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: Glob patterns of the files a directory walk checks (a name, or a relative path with
    #: ``/``); a file named on the command line is checked whatever its name.
    include: tuple[str, ...] = DEFAULT_INCLUDE
    #: Severity overrides: (rule code or prefix, severity); the most specific prefix wins.
    severity: tuple[tuple[str, Severity], ...] = ()
    #: The oldest Python the project runs on, as ``(3, 11)`` (ruff's ``target-version``);
    #: ``None``: ``[project] requires-python``, else the Python jedi reads. With ``platforms``
    #: it decides which start method is the default (:mod:`mp_lsp.engine.targets`).
    target_version: Optional[tuple[int, int]] = None
    #: The platforms the project runs on; empty: all of them.
    platforms: tuple[Platform, ...] = ()

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity a finding of ``code`` is shown with: an override, else ``default``."""
        matching = [(len(prefix), level) for prefix, level in self.severity
                    if prefix == ALL or code.startswith(prefix)]
        return max(matching, key=lambda item: item[0])[1] if matching else default

    def is_enabled(self, code: str) -> bool:
        """Whether findings with ``code`` are reported.

        Selectors are code prefixes (``MP`` and ``MP00`` both select ``MP001``). As in ruff, the
        more specific of the matching ``select`` and ``ignore`` entries wins and ``ignore`` wins
        a tie, so ``select = ["MP001"], ignore = ["MP"]`` still reports ``MP001``.
        """
        selected = _specificity(self.select or (ALL,), code)
        return selected >= 0 and selected > _specificity(self.ignore, code)

    def excludes_entry(self, path: PurePath) -> bool:
        """Whether the file or directory ``path`` (relative to the configuration root) matches.

        A pattern without ``/`` matches the entry's name (``build`` excludes every ``build``
        directory); a pattern with ``/`` matches its whole relative path (``src/generated``).
        Only the entry itself is tested, so a walk that prunes excluded directories tests each
        level once, and an ancestor the user named explicitly is never the reason to skip a file.
        """
        return bool(path.parts) and self.excludes_name(path.name, path.as_posix())

    def excludes_name(self, name: str, relative: str) -> bool:
        """:meth:`excludes_entry` for an entry given by its name and its relative path (with
        ``/``), the form a directory walk has at hand without making a path object of each."""
        return _matches(self._excludes, name, relative)

    def includes_name(self, name: str, relative: str) -> bool:
        """Whether a file found by walking is one to check: its name, or its path relative to
        the configuration root (with ``/``) for a pattern with ``/``, matches ``include``."""
        return _matches(self._includes, name, relative)

    @functools.cached_property
    def _excludes(self) -> _Matchers:
        return _matchers((*DEFAULT_EXCLUDE, *self.exclude))

    @functools.cached_property
    def _includes(self) -> _Matchers:
        return _matchers(self.include)

    def is_excluded(self, path: PurePath) -> bool:
        """Whether ``path`` (relative to the configuration root) or a parent of it is excluded.

        This is the question an editor asks about one open file.
        """
        parts = path.parts
        return any(
            self.excludes_entry(PurePath(*parts[: depth + 1])) for depth in range(len(parts))
        )


def _matchers(patterns: Iterable[str]) -> _Matchers:
    """Glob patterns (``fnmatchcase``'s syntax; ``/`` or ``os.sep`` between parts, a leading
    ``./`` ignored) compiled once: a directory walk tests every entry against every pattern
    (2,000 entries in the standard library), which per pattern was most of a cached re-run."""
    names: list[str] = []
    paths: list[str] = []
    for pattern in patterns:
        pattern = pattern.replace(os.sep, "/").strip("/")
        if pattern.startswith("./"):
            pattern = pattern[2:]
        if pattern:
            (paths if "/" in pattern else names).append(fnmatch.translate(pattern))
    return (re.compile("|".join(names)) if names else None,
            re.compile("|".join(paths)) if paths else None)


def _matches(matchers: _Matchers, name: str, relative: str) -> bool:
    names, paths = matchers
    return bool(names and names.match(name)) or bool(paths and paths.match(relative))
