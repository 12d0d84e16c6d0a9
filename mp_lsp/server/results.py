"""The results cache (:mod:`mp_lsp.cache`) in the editor: the first diagnostics of a file.

Opening a file pays for every sink in it at once (jedi parses the whole file first). When
``mp-lsp check`` or an earlier session already analysed the file as it is on disk, with
everything it read unchanged, its findings are published from the cache at once; the analysis
still runs (its results keep later edits incremental) and publishes again. A first analysis of
a file whose buffer is what the disk holds is stored for the next session.

An entry is used and made only when the buffer is the disk's text and no other unsaved buffer
is among what it was made from: the cache knows the disk, not the editor. It is the project's
``.mp_lsp_cache`` (or ``MP_LSP_CACHE_DIR``), shared with the command line for the same root
and settings; ``MP_LSP_NO_CACHE`` turns it off. Each use loads the cache file afresh, so a
command line run meanwhile is seen and not overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Optional

from mp_lsp import cache
from mp_lsp.engine.findings import Finding
from mp_lsp.engine.options import Settings
from mp_lsp.engine.prefilter import WorkspaceFiles, read_bytes
from mp_lsp.engine.text import decode_source


class EditorResults:
    """Reads and writes the results cache for the server's engine thread."""

    def __init__(self) -> None:
        self.enabled = not cache.disabled_by_environment()

    def _open(self, root: Path, settings: Settings, python: Optional[str]) -> cache.ResultsCache:
        return cache.ResultsCache(
            cache.cache_directory(root), cache.salt(root.resolve(), settings, python)
        )

    def lookup(
        self, root: Path, python: Optional[str], settings: Settings, path: str, text: str,
        buffers: Mapping[str, str],
    ) -> Optional[tuple[Finding, ...]]:
        """The cached findings of the document at ``path`` with ``text``, if any hold."""
        data = self._disk_bytes(path, text)
        if not self.enabled or data is None:
            return None
        try:
            results = self._open(root, settings, python)
            names = self._names()
            return results.lookup(path, names, data, exclude=_unsaved(buffers, path))
        except Exception:  # a cache is only ever a shortcut
            return None

    def store(
        self, root: Path, python: Optional[str], settings: Settings, path: str, text: str,
        findings: tuple[Finding, ...], jedi_reads: tuple[Iterable[str], Iterable[str]],
        buffers: Mapping[str, str],
    ) -> None:
        """Keep a whole, clean analysis of a buffer that is the disk's text."""
        data = self._disk_bytes(path, text)
        if not self.enabled or data is None or not path.endswith(".py"):
            return
        try:
            from mp_lsp.engine.inference import MAX_SIBLINGS

            files = WorkspaceFiles()
            files.remember(path, data)
            read = cache.read_set(files, str(root.resolve()), path, jedi_reads, MAX_SIBLINGS)
            unsaved = _unsaved(buffers, path)
            if not unsaved.isdisjoint([*read.files, *(call[0] for call in read.calls)]):
                return  # made from an unsaved buffer: not what the disk says
            results = self._open(root, settings, python)
            names = cache.directory_names(files, MAX_SIBLINGS)
            if results.store(
                path, data, findings, read.files, read.directories, names, read.calls
            ):
                results.save()
        except Exception:  # a cache is only ever a shortcut
            return

    def _names(self) -> cache.Names:
        from mp_lsp.engine.inference import MAX_SIBLINGS

        return cache.directory_names(WorkspaceFiles(), MAX_SIBLINGS)

    @staticmethod
    def _disk_bytes(path: str, text: str) -> Optional[bytes]:
        """The file's bytes, if the buffer ``text`` is what they decode to."""
        data = read_bytes(path)
        if data is None:
            return None
        try:
            return data if decode_source(data) == text else None
        except (SyntaxError, LookupError, UnicodeDecodeError):
            return None


def _unsaved(buffers: Mapping[str, str], path: str) -> frozenset[str]:
    """The other buffers whose text is not their file's."""
    found = set()
    for other, text in buffers.items():
        if other != path and EditorResults._disk_bytes(other, text) is None:
            found.add(other)
    return frozenset(found)
