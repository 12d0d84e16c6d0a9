"""Findings per file across runs, as ruff and mypy keep theirs: ``.mp_lsp_cache/``.

A second ``mp-lsp check`` of an unchanged tree reads no file: each file's entry is found by its
path and holds the digest of the text it was made from, the files its analysis may have read
and the directories whose entries decided which files those are, each with a digest. An entry
serves only while all of them are unchanged; a change to a helper module so invalidates every
file that imports it (transitively), and nothing else.

What counts as "may have read" is a conservative superset, worked out from the texts
(:meth:`mp_lsp.engine.prefilter.WorkspaceFiles.closure`): the modules named by the file's
imports, transitively, wherever the engine or jedi's sys.path could find them in the
workspace, their packages' ``__init__`` files, and the sibling modules inference reads for the
callers of a function. A file whose closure touches ``sys.path`` (jedi follows such edits) is
never cached, nor is a result that is partial (a budget hit, an error) or crashed.

What is outside the workspace (the interpreter, installed packages, mp-lsp itself) is in the
*salt* (:func:`salt`): a new mp-lsp, jedi or Python, a package installed or removed, other
settings: another cache file. A change inside an installed package that leaves its
``site-packages`` directory as it was (an editable install of another project) is not seen:
``--no-cache`` then.

A file's digest is trusted from its ``stat`` (modification time and size) when neither
changed, as ruff and mypy do, except for a file modified within the last seconds before it was
hashed (git's "racily clean" case): its text is read again next time. The cache is JSON (never
pickle: the folder lives in the checked project, and loading it must not run code), written
whole and atomically at the end of a run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import os
import re
import sys
import time
import typing
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Optional, Union

from mp_lsp import __version__
from mp_lsp.engine.findings import Finding
from mp_lsp.engine.prefilter import Closure, WorkspaceFiles
from mp_lsp.engine.text import decode_lenient

#: The cache folder's name at the project root (as ruff's ``.ruff_cache``).
CACHE_DIR_NAME = ".mp_lsp_cache"
#: Environment variables: another folder, and "do not use a cache" (as ``--no-cache``).
CACHE_DIR_VARIABLE = "MP_LSP_CACHE_DIR"
NO_CACHE_VARIABLE = "MP_LSP_NO_CACHE"
#: A stat this recent when the text was hashed is not trusted next time (see the docstring).
_RACY_SECONDS = 2.0
#: The format of the cache file; another format is another file.
_FORMAT = 2
#: Lists a directory's entries, as the entries were made (``WorkspaceFiles.listing``).
Names = Callable[[str], object]


def cache_directory(root: Path, option: Optional[str] = None) -> Path:
    """``--cache-dir``, else ``$MP_LSP_CACHE_DIR``, else ``<root>/.mp_lsp_cache``."""
    chosen = option or os.environ.get(CACHE_DIR_VARIABLE)
    return Path(os.path.abspath(chosen)) if chosen else root / CACHE_DIR_NAME


def disabled_by_environment() -> bool:
    """``MP_LSP_NO_CACHE`` set to anything but empty, ``0`` or ``false``."""
    value = os.environ.get(NO_CACHE_VARIABLE, "").strip().lower()
    return value not in ("", "0", "false", "no")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _stat_key(stat: os.stat_result) -> tuple[int, int]:
    return (stat.st_mtime_ns, stat.st_size)


def _code_fingerprint() -> list[object]:
    """mp-lsp's own files (modification time and size): an edited engine is another cache,
    even when the version number did not change (a development install)."""
    package = Path(__file__).resolve().parent
    found: list[object] = []
    for directory, subdirectories, names in os.walk(package):
        subdirectories[:] = sorted(name for name in subdirectories if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".json")):
                with contextlib.suppress(OSError):
                    stat = os.stat(os.path.join(directory, name))
                    found.append((os.path.relpath(os.path.join(directory, name), package),
                                  *_stat_key(stat)))
    return found


def interpreter_paths() -> list[str]:
    """The folders a fresh interpreter like this one imports from (what jedi's environment
    reads), whoever started this process and whatever it added to ``sys.path``: the
    standard library, ``PYTHONPATH``, the site-packages folders (with what their ``.pth``
    files add) and those of ``VIRTUAL_ENV``/``CONDA_PREFIX``."""
    import site
    import sysconfig

    found = [os.path.dirname(os.__file__), sysconfig.get_paths()["stdlib"]]
    found += [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    sites = list(site.getsitepackages()) if hasattr(site, "getsitepackages") else []
    with contextlib.suppress(Exception):
        sites.append(site.getusersitepackages())
    for variable in ("VIRTUAL_ENV", "CONDA_PREFIX"):
        prefix = os.environ.get(variable)
        if prefix:
            with contextlib.suppress(OSError):
                sites += [str(lib / "site-packages")
                          for lib in sorted((Path(prefix) / "lib").iterdir())]
    for folder in sites:
        found.append(folder)
        with contextlib.suppress(OSError):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".pth"):
                    with open(os.path.join(folder, name), encoding="utf-8",
                              errors="replace") as handle:
                        found += [os.path.join(folder, line.strip()) for line in handle
                                  if line.strip() and not line.startswith(("#", "import"))]
    return list(dict.fromkeys(os.path.abspath(path) for path in found))


def _environment_fingerprint(python: Optional[str], root: Path) -> list[object]:
    """What jedi reads outside the workspace: the interpreter and its installed packages (a
    folder's modification time changes when a package is installed, upgraded or removed),
    jedi's own version (its bundled typeshed). The same whichever program runs the engine
    (the command line, the server, a test): it is the interpreter's, not this process's
    ``sys.path``. Folders inside the workspace are left out: entries track their files."""
    import importlib.util

    same = python is None or os.path.abspath(python) == os.path.abspath(sys.executable)
    found: list[object] = [sys.version, sys.prefix, sys.base_prefix,
                           None if same else os.path.abspath(str(python))]
    for variable in ("VIRTUAL_ENV", "CONDA_PREFIX", "PYTHONPATH"):
        found.append(os.environ.get(variable))
    inside = str(root) + os.sep
    for directory in interpreter_paths():
        if directory == str(root) or directory.startswith(inside):
            continue
        with contextlib.suppress(OSError):
            found.append((directory, os.stat(directory).st_mtime_ns))
    for package in ("jedi", "parso"):
        spec = importlib.util.find_spec(package)
        origin = spec.origin if spec is not None else None
        if origin:
            with contextlib.suppress(OSError):
                found.append((package, origin, *_stat_key(os.stat(origin))))
    return found


def salt(root: Path, settings: object, python: Optional[str] = None) -> str:
    """What every entry of one cache file was made under: mp-lsp (its version and code),
    the environment, the project root and the settings."""
    parts = [_FORMAT, __version__, _code_fingerprint(), _environment_fingerprint(python, root),
             str(root), repr(settings)]
    return _digest(json.dumps(parts, default=repr).encode())


# -- findings as JSON ------------------------------------------------------------------------
class CodecError(ValueError):
    """A value the cache cannot write or read back faithfully."""


def encode(value: Any) -> Any:
    """A frozen dataclass (and what it holds) as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: encode(getattr(value, field.name))
                for field in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    if isinstance(value, frozenset):
        return sorted((encode(item) for item in value), key=repr)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise CodecError(f"cannot cache a {type(value).__name__}")


_HINTS: dict[type, dict[str, Any]] = {}


def decode(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that :func:`encode` made ``data`` from."""
    origin = typing.get_origin(kind)
    if origin is Union:
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (option,) = [item for item in options if item is not type(None)]
        return decode(option, data)
    if origin is tuple:
        arguments = typing.get_args(kind)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(decode(arguments[0], item) for item in data)
        if len(arguments) != len(data):
            raise CodecError("tuple of another length")
        return tuple(decode(argument, item) for argument, item in zip(arguments, data))
    if origin is frozenset:
        (argument,) = typing.get_args(kind)
        return frozenset(decode(argument, item) for item in data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _HINTS.get(kind)
        if hints is None:
            hints = _HINTS[kind] = typing.get_type_hints(kind)
        if not isinstance(data, dict) or set(data) != {f.name for f in dataclasses.fields(kind)}:
            raise CodecError(f"{kind.__name__} with other fields")
        return kind(**{name: decode(hints[name], item) for name, item in data.items()})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind in (str, int, float, bool):
        if not isinstance(data, kind):
            raise CodecError(f"not a {kind.__name__}")
        return data
    raise CodecError(f"cannot read back a {kind!r}")


def encode_findings(findings: Sequence[Finding]) -> Optional[list[Any]]:
    """The findings as JSON data, or ``None`` when they would not read back the same."""
    try:
        data = [encode(finding) for finding in findings]
        if tuple(decode(Finding, item) for item in data) != tuple(findings):
            return None
    except (CodecError, TypeError, ValueError, KeyError):
        return None
    return data


def decode_findings(data: Any) -> Optional[tuple[Finding, ...]]:
    try:
        return tuple(decode(Finding, item) for item in data)
    except (CodecError, TypeError, ValueError, KeyError):
        return None


# -- the cache -------------------------------------------------------------------------------
#: A sibling module read only for which of some function names it calls: (its path, the names
#: looked for, its digest then, the names it called then).
Calls = tuple[str, tuple[str, ...], Optional[str], tuple[str, ...]]


@dataclasses.dataclass
class _Entry:
    digest: str
    files: tuple[str, ...]
    files_digest: str
    directories: tuple[str, ...]
    directories_digest: str
    findings: Any  # JSON data, decoded on use
    calls: tuple[Calls, ...] = ()


class ResultsCache:
    """One cache file: the entries made under one :func:`salt`, and what they were read from.

    ``listing`` gives a directory's module-like entries (the same reading the entries were
    made with): :meth:`mp_lsp.engine.prefilter.WorkspaceFiles.listing`.
    """

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.path = directory / __version__ / f"{salt[:32]}.json"
        self._salt = salt
        #: Digests trusted by stat: path -> (mtime_ns, size, digest).
        self._files: dict[str, tuple[int, int, str]] = {}
        self._directories: dict[str, tuple[int, str]] = {}
        self._entries: dict[str, _Entry] = {}
        self._now_files: dict[str, Optional[str]] = {}
        self._now_directories: dict[str, str] = {}
        self._changed = False
        self.hits = 0
        self._load()

    def _load(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as handle:
                document = json.load(handle)
            if document.get("salt") != self._salt:
                return
            paths = document["paths"]
            for index, (mtime, size, digest) in document["files"].items():
                self._files[paths[int(index)]] = (int(mtime), int(size), str(digest))
            for index, (mtime, digest) in document["directories"].items():
                self._directories[paths[int(index)]] = (int(mtime), str(digest))
            for index, item in document["entries"].items():
                self._entries[paths[int(index)]] = _Entry(
                    str(item["digest"]),
                    tuple(paths[i] for i in item["files"]), str(item["files_digest"]),
                    tuple(paths[i] for i in item["directories"]),
                    str(item["directories_digest"]), item["findings"],
                    tuple(
                        (paths[i], tuple(names), digest, tuple(called))
                        for i, names, digest, called in item["calls"]
                    ),
                )
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            self._files.clear()
            self._directories.clear()
            self._entries.clear()

    # -- what is there now -----------------------------------------------------------------
    def file_digest(self, path: str, data: Optional[bytes] = None) -> Optional[str]:
        """The digest of the file's text now (``None``: unreadable); read only when its stat
        differs from the one its known digest was made at. ``data``: the text already read."""
        if path in self._now_files:
            return self._now_files[path]
        try:
            stat = os.stat(path)
        except OSError:
            self._now_files[path] = None
            return None
        known = self._files.get(path)
        key = _stat_key(stat)
        digest: Optional[str]
        if data is None and known is not None and known[:2] == key:
            digest = known[2]
        else:
            if data is None:
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    self._now_files[path] = None
                    return None
            digest = _digest(data)
            self._trust(self._files, path, key, digest, stat.st_mtime_ns)
        self._now_files[path] = digest
        return digest

    def directory_digest(self, directory: str, names: Names) -> str:
        """The digest of a directory's entries now. ``names()`` lists them (called only when
        the directory's modification time differs from the known one)."""
        if directory in self._now_directories:
            return self._now_directories[directory]
        try:
            mtime = os.stat(directory).st_mtime_ns
        except OSError:
            mtime = -1
        known = self._directories.get(directory)
        if known is not None and known[0] == mtime and mtime != -1:
            digest = known[1]
        else:
            digest = _digest(json.dumps(names(directory)).encode())
            self._trust(self._directories, directory, (mtime,), digest, mtime)
        self._now_directories[directory] = digest
        return digest

    def _trust(self, table: dict[str, Any], path: str, key: tuple[int, ...], digest: str,
               mtime_ns: int) -> None:
        """Remember a digest with its stat, unless the stat is too recent to vouch for it."""
        before = table.get(path)
        if time.time() - mtime_ns / 1e9 > _RACY_SECONDS:
            table[path] = (*key, digest)
        else:
            table.pop(path, None)
        if table.get(path) != before:
            self._changed = True

    def _combined(self, digests: Iterable[Optional[str]]) -> str:
        return _digest("\n".join(digest or "-" for digest in digests).encode())

    # -- entries ---------------------------------------------------------------------------
    def lookup(
        self, path: str, names: Names, data: Optional[bytes] = None,
        exclude: frozenset[str] = frozenset(),
    ) -> Optional[tuple[Finding, ...]]:
        """The cached findings of ``path``, if nothing its entry was made from changed (and it
        was made from none of the files in ``exclude``: unsaved buffers in an editor)."""
        entry = self._entries.get(path)
        if entry is None or self.file_digest(path, data) != entry.digest:
            return None
        if exclude and not exclude.isdisjoint(entry.files):
            return None
        if self._combined(self.file_digest(p) for p in entry.files) != entry.files_digest:
            return None
        directories = (self.directory_digest(d, names) for d in entry.directories)
        if self._combined(directories) != entry.directories_digest:
            return None
        if not all(self._calls_hold(call) for call in entry.calls):
            return None
        findings = decode_findings(entry.findings)
        if findings is not None:
            self.hits += 1
        return findings

    def _calls_hold(self, call: Calls) -> bool:
        """Whether a sibling still calls the same of the names (read only if it changed)."""
        path, looked_for, digest, called = call
        if self.file_digest(path) == digest:
            return True
        try:
            with open(path, "rb") as handle:
                text = decode_lenient(handle.read())
        except OSError:
            return not called
        return tuple(name for name in looked_for if f"{name}(" in text) == called

    def store(
        self, path: str, data: bytes, findings: Sequence[Finding], files: Sequence[str],
        directories: Sequence[str], names: Names,
        calls: Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]] = (),
    ) -> bool:
        """Keep the findings ``path`` had with text ``data``, made from ``files``, the entries
        of ``directories`` and which of some names the ``calls`` siblings call, as they are
        now; ``False`` if they cannot be cached."""
        encoded = encode_findings(findings)
        digest = self.file_digest(path, data)
        if encoded is None or digest is None or _digest(data) != digest:
            return False
        files = tuple(dict.fromkeys(files))
        directories = tuple(dict.fromkeys(directories))
        self._entries[path] = _Entry(
            digest,
            files, self._combined(self.file_digest(p) for p in files),
            directories, self._combined(self.directory_digest(d, names) for d in directories),
            encoded,
            tuple((p, looked, self.file_digest(p), called) for p, looked, called in calls),
        )
        self._changed = True
        return True

    def forget(self, path: str) -> None:
        if self._entries.pop(path, None) is not None:
            self._changed = True

    def save(self) -> None:
        """Write the cache file (atomically), with the ``.gitignore`` and ``CACHEDIR.TAG`` that
        keep the folder out of version control and backups, as ruff's."""
        if not self._changed:
            return
        indices: dict[str, int] = {}

        def index(path: str) -> int:
            return indices.setdefault(path, len(indices))

        entries = {
            index(path): {
                "digest": entry.digest,
                "files": [index(p) for p in entry.files],
                "files_digest": entry.files_digest,
                "directories": [index(p) for p in entry.directories],
                "directories_digest": entry.directories_digest,
                "findings": entry.findings,
                "calls": [[index(p), list(looked), digest, list(called)]
                          for p, looked, digest, called in entry.calls],
            }
            for path, entry in self._entries.items()
        }
        used = set(indices)
        files = {index(p): list(v) for p, v in self._files.items() if p in used}
        directories = {index(p): list(v) for p, v in self._directories.items() if p in used}
        document = {"salt": self._salt, "paths": list(indices), "files": files,
                    "directories": directories, "entries": entries}
        import tempfile  # only when there is something to write

        temporary: Optional[str] = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for name, text in ((".gitignore", "# Automatically created by mp-lsp.\n*\n"),
                               ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n")):
                marker = self.directory / name
                if not marker.exists():
                    marker.write_text(text)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from the other users
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # dumps, not dump: only the one-shot encoder is the C one (5x faster).
                stream.write(json.dumps(document, separators=(",", ":")))
            os.replace(temporary, self.path)
        except OSError:  # a read-only tree: the next run is only slower
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


# -- what an analysis read -------------------------------------------------------------------
def directory_names(files: WorkspaceFiles, siblings_below: int) -> Names:
    """What the cache compares of a directory: the entries that may be modules or packages,
    and whether inference reads its sibling modules (it does up to ``siblings_below``
    entries)."""

    def names(directory: str) -> object:
        listing = files.listing(directory)
        return [*listing.names, listing.count <= siblings_below]

    return names


#: An edit of ``sys.path`` as jedi follows one (``sys.path.insert(...)``, ``sys.path = ...``).
_SYS_PATH = re.compile(r"\bsys\s*\.\s*path\b")


def read_set(
    files: WorkspaceFiles, root: str, path: str,
    jedi_reads: tuple[Iterable[str], Iterable[str]], siblings_below: int,
) -> Closure:
    """The files an analysis of ``path`` may have read and the directories whose entries
    decided which: the textual closure (:meth:`WorkspaceFiles.closure`, from ``root`` and the
    folders of ``sys.path`` inside it) and the workspace files jedi loaded, with the folders
    they are in. ``jedi_reads``: what ``Project.jedi_reads`` says (loaded for this analysis,
    and all that its inference states hold: the latter when a module of the closure edits
    ``sys.path``, which leads jedi where the text's imports do not)."""
    inside = root + os.sep
    extra = tuple(
        entry for entry in interpreter_paths() if (entry + os.sep).startswith(inside)
    )
    closure = files.closure(path, root, extra, siblings_below)
    edits = any(
        _SYS_PATH.search(files.raw_text(module) or "") for module in (path, *closure.files)
    )
    new, every = jedi_reads
    loaded = sorted(p for p in (every if edits else new) if p.startswith(inside) and p != path)
    directories = [*closure.directories, *sorted({os.path.dirname(p) for p in loaded})]
    read = [*closure.files, *loaded]
    calls = [call for call in closure.calls if call[0] not in set(read)]
    return Closure(read, directories, calls)
