"""Which files can have findings at all, decided from their text: no parse, no jedi.

:func:`~mp_lsp.engine.analyze.analyze_source` stops at its cheap scan
(:func:`~mp_lsp.engine.scan.process_context`) for a file that neither imports a process API
(``multiprocessing``, ``concurrent``) nor imports a workspace module whose text imports one:
such a file has no findings, whatever else it holds. Most files of a tree are such files, and
parsing them was most of what checking a tree cost (19 of the 20 CPU seconds the parses of the
standard library took went to files that then ended at the scan). :class:`Prefilter` answers the
scan's question without a parse:

- a file whose text (NFKC-normalised, as the parser normalises identifiers) never spells
  ``multiprocessing`` or ``concurrent`` imports neither;
- its other imports are found by regular expressions that over-approximate, never miss: every
  ``import`` keyword counts, also in strings and comments; a name list is read up to its closing
  parenthesis (comments skipped) or to the end of the logical line (backslash continuations
  followed); ``from``'s dots give the level. The names are resolved as
  :func:`~mp_lsp.engine.scan.local_import_paths` resolves them, and each module found is asked
  whether it imports a process API, as
  :meth:`~mp_lsp.engine.project.Project.process_witnesses` asks.

So a file it rules out is a file the scan rules out (``tests/test_prefilter.py`` checks that
over the corpus, the examples and the standard library); a file it keeps may still end at the
scan. A file it cannot read the same way the engine would (undecodable, a notebook) is kept,
so that the engine reports on it as before.

:class:`WorkspaceFiles` is that reading of files, directories and imports; the results cache
(:mod:`mp_lsp.cache`) uses it for the files an analysis may read (:meth:`closure`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from mp_lsp.engine.knowledge.sinks import PROCESS_IMPORT, PROCESS_PACKAGES
from mp_lsp.engine.text import decode_lenient, decode_source

#: Whitespace between tokens, as far as it can reach: newlines too (an over-approximation
#: outside brackets) and backslash continuations.
_WS = r"(?:\s|\\(?:\r\n|\r|\n))*"
_NAME = r"[^\W\d]\w*"
_DOTTED = rf"{_NAME}(?:{_WS}\.{_WS}{_NAME})*"
#: The keywords, found by their letters (a literal prefix keeps the search fast); the
#: character before is checked apart (``\b`` in front makes the search ten times slower).
_FROM_WORD = re.compile(r"from(?!\w)")
_IMPORT_WORD = re.compile(r"import(?!\w)")
#: What follows ``from`` in a from-import: the level's dots, the module, ``import``. (One
#: whitespace run between any two parts, never two in a row: no quadratic backtracking.)
_FROM_TAIL = re.compile(rf"{_WS}((?:\.{_WS})*)(?:({_DOTTED}){_WS})?import(?!\w)")
#: A parenthesised name list: up to the first ``)`` outside a comment (or the end of the text).
_PARENTHESIZED = re.compile(rf"{_WS}\(((?:[^)#]|#[^\r\n]*)*)")
#: The rest of a logical line: up to a newline that no backslash continues, ``#`` or ``;``.
_LOGICAL_LINE = re.compile(r"(?:[^\r\n\\#;]|\\(?:\r\n|\r|\n)?)*")
_DOTTED_NAME = re.compile(_DOTTED)
#: A function definition's name (``def`` and ``async def``, at any depth); the character
#: before ``def`` is checked apart, as for the import keywords.
_DEFINED = re.compile(rf"def(?:\s|\\(?:\r\n|\r|\n))+({_NAME})")
_JOINERS = re.compile(r"\s|\\")
#: A PEP 263 encoding cookie: with one, the bytes may not read as ASCII reads them.
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=]", re.MULTILINE)
_PROCESS_WORDS = tuple(PROCESS_PACKAGES)
_PROCESS_BYTES = tuple(word.encode() for word in PROCESS_PACKAGES)
#: Directory entries that can be a module or a package jedi or the scan may find.
_MODULE_SUFFIXES = (".py", ".pyi", ".pyw", ".so", ".pyd", ".pth")


@dataclass(frozen=True)
class ImportRef:
    """The dotted names one import statement may name, as ``local_import_paths`` forms them:
    ``import a.b`` names ``a.b``; ``from x import y`` names ``x`` and ``x.y``; ``from . import
    y`` names ``y`` at level 1."""

    level: int
    names: tuple[str, ...]


def normalized(text: str) -> str:
    """The text as the parser reads identifiers (NFKC), so that a fullwidth ``m`` still
    spells ``multiprocessing``."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def import_refs(text: str) -> list[ImportRef]:
    """Every import statement ``text`` may hold (an over-approximation: never one less)."""
    refs: list[ImportRef] = []
    seen_keywords: set[int] = set()
    for word in _FROM_WORD.finditer(text):
        if _follows_word(text, word.start()):
            continue
        match = _FROM_TAIL.match(text, word.end())
        if match is None:
            continue
        level = match.group(1).count(".")
        module = _JOINERS.sub("", match.group(2) or "")
        names = _listed_names(text, match.end())
        dotted = [module] if module else []
        dotted += [f"{module}.{name}".lstrip(".") for name in names]
        refs.append(ImportRef(level, tuple(dotted)))
        seen_keywords.add(match.end())
    for match in _IMPORT_WORD.finditer(text):
        if match.end() in seen_keywords or _follows_word(text, match.start()):
            continue
        refs.append(ImportRef(0, tuple(_listed_names(text, match.end()))))
    return refs


def _follows_word(text: str, start: int) -> bool:
    """Whether the keyword at ``start`` is the end of a longer word (what ``\\b`` tests)."""
    if start == 0:
        return False
    before = text[start - 1]
    return before.isalnum() or before == "_"


def _listed_names(text: str, start: int) -> list[str]:
    """The dotted names after an ``import`` keyword that ends at ``start``."""
    bracket = _PARENTHESIZED.match(text, start)
    if bracket is not None:
        segment = bracket.group(1)
    else:
        line = _LOGICAL_LINE.match(text, start)
        segment = line.group() if line is not None else ""
    names = []
    for found in _DOTTED_NAME.finditer(segment):
        name = _JOINERS.sub("", found.group())
        if name != "as":
            names.append(name)
    return names


def _fold(name: str) -> str:
    """A directory entry's name as a case-insensitive file system may match it (never less)."""
    return normalized(name).casefold()


@dataclass(frozen=True)
class Listing:
    """The entries of a directory that can hold modules, by folded name."""

    files: dict[str, tuple[str, ...]]
    directories: dict[str, tuple[str, ...]]
    #: How many entries the directory has in all (``Inferencer`` reads siblings below a count).
    count: int
    #: The names in it that may be modules or packages, sorted: what the results cache
    #: compares (not ``__pycache__`` nor a folder no import can name, as ``.mp_lsp_cache``).
    names: tuple[str, ...]


_EMPTY = Listing({}, {}, 0, ())
#: A resolved name: the files found and the directories looked into.
_Resolved = tuple[tuple[str, ...], tuple[str, ...]]


def read_bytes(path: str) -> Optional[bytes]:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


class WorkspaceFiles:
    """Files, directories and the imports in them, each read once per run."""

    def __init__(self, read: Callable[[str], Optional[bytes]] = read_bytes) -> None:
        self._read = read
        self._data: dict[str, Optional[bytes]] = {}
        self._listings: dict[str, Listing] = {}
        self._refs: dict[str, list[ImportRef]] = {}
        self._process: dict[str, bool] = {}
        self._resolved: dict[tuple[str, str, bool, bool], _Resolved] = {}
        self._steps: dict[tuple[str, str, tuple[str, ...]], _Resolved] = {}
        self._definitions: dict[str, frozenset[str]] = {}

    def data(self, path: str) -> Optional[bytes]:
        """A file's bytes (``None`` when it cannot be read)."""
        if path not in self._data:
            self._data[path] = self._read(path)
        return self._data[path]

    def remember(self, path: str, data: Optional[bytes]) -> None:
        """Use bytes already read (the file being checked)."""
        self._data[path] = data

    def listing(self, directory: str) -> Listing:
        found = self._listings.get(directory)
        if found is not None:
            return found
        files: dict[str, list[str]] = {}
        directories: dict[str, list[str]] = {}
        names: list[str] = []
        count = 0
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    count += 1
                    try:
                        is_dir = entry.is_dir()
                        is_file = not is_dir and entry.is_file()
                    except OSError:
                        continue
                    if is_dir:
                        directories.setdefault(_fold(entry.name), []).append(entry.name)
                        if entry.name.isidentifier() and entry.name != "__pycache__":
                            names.append(entry.name + os.sep)  # a package it may import
                    elif is_file and entry.name.endswith(_MODULE_SUFFIXES):
                        files.setdefault(_fold(entry.name), []).append(entry.name)
                        names.append(entry.name)
        except OSError:
            self._listings[directory] = _EMPTY
            return _EMPTY
        listing = Listing(
            {key: tuple(value) for key, value in files.items()},
            {key: tuple(value) for key, value in directories.items()},
            count,
            tuple(sorted(names)),
        )
        self._listings[directory] = listing
        return listing

    def text(self, path: str) -> Optional[str]:
        """A module's text as the scan reads another file (lenient), normalised."""
        data = self.data(path)
        return None if data is None else normalized(decode_lenient(data))

    def refs(self, path: str) -> list[ImportRef]:
        """The imports another module may hold (memoised)."""
        found = self._refs.get(path)
        if found is None:
            text = self.text(path)
            found = [] if text is None else import_refs(text)
            self._refs[path] = found
        return found

    def is_process_module(self, path: str) -> bool:
        """Whether ``Project.process_witnesses`` would read the file's text (it imports a process
        API): ``PROCESS_IMPORT`` over its lenient text."""
        known = self._process.get(path)
        if known is not None:
            return known
        data = self.data(path)
        if data is None:
            answer = False
        elif not _COOKIE.search(data, 0, _second_line_end(data)) and not any(
            word in data for word in _PROCESS_BYTES
        ):
            answer = False  # UTF-8 keeps ASCII: the words would be there as bytes
        else:
            answer = PROCESS_IMPORT.search(decode_lenient(data)) is not None
        self._process[path] = answer
        return answer

    def resolve(
        self, name: str, base: str, *, stubs: bool = False, packages: bool = False,
        probed: Optional[set[str]] = None,
    ) -> list[str]:
        """The files ``os.path.isfile`` finds for ``base/<name as path>.py`` or
        ``.../__init__.py`` (case-insensitively: never fewer). With ``stubs``, ``.pyi`` too;
        with ``packages``, the ``__init__`` of every package on the way. The directories
        looked into are added to ``probed``."""
        key = (name, base, stubs, packages)
        known = self._resolved.get(key)
        if known is None:
            looked: set[str] = set()
            known = (tuple(self._resolve(name, base, stubs, packages, looked)), tuple(looked))
            self._resolved[key] = known
        if probed is not None:
            probed.update(known[1])
        return list(known[0])

    def _resolve(
        self, name: str, base: str, stubs: bool, packages: bool, probed: set[str]
    ) -> list[str]:
        parts = [part for part in name.split(".") if part]
        if not parts:
            return []
        found: list[str] = []
        directories = [base]
        for part in parts[:-1]:
            following = []
            for directory in directories:
                listing = self._probe(directory, probed)
                for real in listing.directories.get(_fold(part), ()):
                    inner = os.path.join(directory, real)
                    following.append(inner)
                    if packages:
                        found += self._inits(inner, stubs, probed)
            directories = following
        last = _fold(parts[-1])
        suffixes = (".py", ".pyi") if stubs else (".py",)
        for directory in directories:
            listing = self._probe(directory, probed)
            for suffix in suffixes:
                found += [os.path.join(directory, real) for real in listing.files.get(
                    last + suffix, ())]
            for real in listing.directories.get(last, ()):
                found += self._inits(os.path.join(directory, real), stubs, probed)
        return found

    def _probe(self, directory: str, probed: Optional[set[str]]) -> Listing:
        if probed is not None:
            probed.add(directory)
        return self.listing(directory)


    def _inits(self, directory: str, stubs: bool, probed: Optional[set[str]]) -> list[str]:
        listing = self._probe(directory, probed)
        names = ("__init__.py", "__init__.pyi") if stubs else ("__init__.py",)
        return [os.path.join(directory, real) for key in names
                for real in listing.files.get(key, ())]

    def imported_paths(
        self, path: str, refs: Iterable[ImportRef], root: str, *, extra_bases: tuple[str, ...] = (),
        stubs: bool = False, packages: bool = False, probed: Optional[set[str]] = None,
    ) -> list[str]:
        """The files ``refs`` (imports of the module at ``path``) resolve to: as
        ``local_import_paths`` resolves them (the module's directory, then ``root``; a
        relative import from its level), plus ``extra_bases`` for absolute imports."""
        here = os.path.dirname(path)
        found: list[str] = []
        for ref in refs:
            if ref.level:
                base = here
                for _ in range(ref.level - 1):
                    base = os.path.dirname(base)
                bases: tuple[str, ...] = (base,)
            else:
                bases = (here, root, *extra_bases)
            for name in ref.names:
                for base in dict.fromkeys(bases):
                    found += self.resolve(
                        name, base, stubs=stubs, packages=packages, probed=probed
                    )
        return found

    def closure(
        self, path: str, root: str, extra_bases: tuple[str, ...] = (),
        siblings_below: Optional[int] = None,
    ) -> Closure:
        """Every file an analysis of ``path`` may read, and every directory whose entries decide
        which files those are: a conservative superset for the results cache.

        From the file, transitively: the modules its imports name (from its directory, every
        directory between it and ``root``, ``root`` and ``extra_bases``, as jedi's sys.path
        reaches them; stubs and the ``__init__`` of each package on the way) and the
        ``__init__`` files of its own packages. With ``siblings_below``, also what inference
        reads of the other modules of a directory with at most that many entries
        (``Inferencer._modules_calling``): a sibling whose text calls a function defined in
        one of those modules, by name, is read (and joins them); of every other sibling, only
        *that* it calls none of them counts (:attr:`Closure.calls`).
        """
        files: dict[str, None] = {path: None}
        probed: set[str] = set()
        pending = [path]
        while True:
            while pending:
                found, looked = self._direct(pending.pop(), root, extra_bases)
                probed.update(looked)
                for module in found:
                    if module not in files:
                        files[module] = None
                        pending.append(module)
            if siblings_below is None:
                break
            calls = self._sibling_calls(list(files), siblings_below, probed)
            pending = [sibling for sibling, _, present in calls if present]
            for sibling in pending:
                files[sibling] = None
            if not pending:
                break
        del files[path]
        return Closure(list(files), sorted(probed), calls if siblings_below is not None else [])

    def _sibling_calls(
        self, modules: list[str], siblings_below: int, probed: set[str]
    ) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """For each sibling of the modules that is not one of them: the names of the functions
        the modules of its directory define, and those of them it calls (``name(``)."""
        by_directory: dict[str, list[str]] = {}
        for module in modules:
            by_directory.setdefault(os.path.dirname(module), []).append(module)
        found = []
        for directory, members in sorted(by_directory.items()):
            listing = self._probe(directory, probed)
            if listing.count > siblings_below:
                continue  # inference reads no sibling there
            names = sorted({name for member in members for name in self._defined(member)})
            for reals in listing.files.values():
                for real in reals:
                    sibling = os.path.join(directory, real)
                    if not real.endswith(".py") or sibling in members:
                        continue
                    text = self.raw_text(sibling) or ""
                    present = tuple(name for name in names if f"{name}(" in text)
                    found.append((sibling, tuple(names), present))
        return found

    def raw_text(self, path: str) -> Optional[str]:
        """A file's text as ``Project.raw_text`` reads it (lenient, not normalised)."""
        data = self.data(path)
        return None if data is None else decode_lenient(data)

    def _defined(self, path: str) -> frozenset[str]:
        """The names of the functions a module may define (every ``def``, nested ones too)."""
        known = self._definitions.get(path)
        if known is None:
            text = self.text(path) or ""
            known = frozenset(
                match.group(1) for match in _DEFINED.finditer(text)
                if not _follows_word(text, match.start())
            )
            self._definitions[path] = known
        return known

    def _direct(self, path: str, root: str, extra_bases: tuple[str, ...]) -> _Resolved:
        """One step of :meth:`closure` from one module (memoised: modules are shared)."""
        key = (path, root, extra_bases)
        known = self._steps.get(key)
        if known is not None:
            return known
        here = os.path.dirname(path)
        probed: set[str] = set()
        between = _between(here, root)
        found = self.imported_paths(
            path, self.refs(path), root, extra_bases=(*between, *extra_bases), stubs=True,
            packages=True, probed=probed,
        )
        for directory in between or (here,):
            found += self._inits(directory, True, probed)
        step = (tuple(dict.fromkeys(found)), tuple(probed))
        self._steps[key] = step
        return step


@dataclass(frozen=True)
class Closure:
    """What an analysis may read (:meth:`WorkspaceFiles.closure`)."""

    files: list[str]
    directories: list[str]
    #: Siblings read only for whether they call functions of the closure, by name: (sibling,
    #: the names looked for, those it calls).
    calls: list[tuple[str, tuple[str, ...], tuple[str, ...]]]


def _between(here: str, root: str) -> tuple[str, ...]:
    """``here`` and its parents up to ``root`` (empty when ``here`` is not inside ``root``)."""
    found: list[str] = []
    current = here
    while True:
        found.append(current)
        if current == root:
            return tuple(found)
        parent = os.path.dirname(current)
        if parent == current:
            return ()
        current = parent


def _second_line_end(data: bytes) -> int:
    first = data.find(b"\n")
    if first < 0:
        return len(data)
    second = data.find(b"\n", first + 1)
    return len(data) if second < 0 else second


@dataclass(frozen=True)
class Verdict:
    """Whether a file may have findings, and what the answer was read from."""

    keep: bool
    #: Other files whose text decided it (modules its imports name), for the results cache.
    files: tuple[str, ...] = ()
    #: Directories whose entries decided which modules those are.
    directories: tuple[str, ...] = ()


KEEP = Verdict(True)


class Prefilter:
    """Rules out the files that ``analyze_source`` would end at the scan, from their text.

    ``root`` is the engine project's root (``Project.root``), as the scan resolves imports from
    it.
    """

    def __init__(self, root: str, files: Optional[WorkspaceFiles] = None) -> None:
        self.root = root
        self.files = files if files is not None else WorkspaceFiles()

    def verdict(self, path: str, data: bytes) -> Verdict:
        """Whether the file at ``path`` with these bytes may have findings."""
        if not path.endswith((".py", ".pyw", ".pyi")):
            return KEEP  # notebooks and odd names: their text is not the module's text
        if _COOKIE.search(data, 0, _second_line_end(data)) or not data.isascii():
            try:
                text = normalized(decode_source(data))
            except (SyntaxError, LookupError, UnicodeDecodeError):
                return KEEP  # the engine says why it cannot read it
        else:
            text = data.decode("ascii")
        refs = import_refs(text)
        if any(word in text for word in _PROCESS_WORDS) and any(
            name.split(".")[0] in _PROCESS_WORDS for ref in refs for name in ref.names
        ):
            return KEEP  # it may import a process API itself
        self.files.remember(path, data)
        probed: set[str] = set()
        imported = self.files.imported_paths(path, refs, self.root, probed=probed)
        if any(self.files.is_process_module(module) for module in imported):
            return KEEP
        return Verdict(False, tuple(dict.fromkeys(imported)), tuple(sorted(probed)))

    def may_have_findings(self, path: str, data: bytes) -> bool:
        return self.verdict(path, data).keep
