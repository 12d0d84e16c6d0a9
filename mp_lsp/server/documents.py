"""The server's copies of the documents open in the editor.

pygls has its own document store, but it splits lines with :meth:`str.splitlines` (which also
breaks at form feeds and ``\\u2028``), clamps a column past the end of the last line to one
character short of it, and raises on a change to a document that was never opened. Any of
these makes the server's text drift from the editor's without an error, after which every
diagnostic lands on the wrong line. So documents are kept here, with LSP's own line rules
(:mod:`mp_lsp.server.positions`), and a malformed change is logged and applied as best it can
be rather than raised.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterator, Optional, Union

from lsprotocol import types
from pygls.uris import to_fs_path, uri_scheme

from mp_lsp.server.positions import Encoding, LineIndex

#: Suffixes of files the engine analyses (besides documents whose language is Python).
PYTHON_SUFFIXES = (".py", ".pyw")


def uri_to_path(uri: str) -> Optional[str]:
    """The file system path of a ``file:`` URI, or ``None`` for any other (or a broken) URI."""
    try:
        if uri_scheme(uri) != "file":
            return None
        path = to_fs_path(uri)
    except Exception:  # pygls' URI parsing raises on odd input; odd input is not a file
        return None
    return os.path.abspath(path) if path else None


@dataclass
class Document:
    """One open document: its text and version as the editor last told them."""

    uri: str
    text: str
    version: int
    language_id: str = ""
    path: Optional[str] = None
    _index: Optional[LineIndex] = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        """The line index of the current text (rebuilt lazily after a change)."""
        if self._index is None or self._index.text is not self.text:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def is_python(self) -> bool:
        """Whether the engine should analyse this document."""
        if self.path is None:
            return False
        return self.language_id == "python" or self.path.endswith(PYTHON_SUFFIXES)

    def offset(self, position: types.Position, encoding: Encoding) -> int:
        """The index into the text of a client position."""
        return self.lines.offset_of_units(position.line, position.character, encoding)

    def apply(
        self,
        change: Union[
            types.TextDocumentContentChangePartial, types.TextDocumentContentChangeWholeDocument
        ],
        encoding: Encoding,
    ) -> None:
        """Apply one content change: a whole new text, or a replacement of a range.

        A range whose end is before its start is treated as the empty range at its start
        (it is the client's bug, but the inserted text still belongs there).
        """
        if isinstance(change, types.TextDocumentContentChangeWholeDocument):
            self.text = change.text
            return
        start = self.offset(change.range.start, encoding)
        end = max(start, self.offset(change.range.end, encoding))
        self.text = self.text[:start] + change.text + self.text[end:]


class DocumentStore:
    """The open documents by URI."""

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}

    def open(self, item: types.TextDocumentItem) -> Document:
        """Track a newly opened document (reopening replaces the old copy)."""
        document = Document(
            uri=item.uri,
            text=item.text,
            version=item.version,
            language_id=item.language_id,
            path=uri_to_path(item.uri),
        )
        self._documents[item.uri] = document
        return document

    def close(self, uri: str) -> Optional[Document]:
        return self._documents.pop(uri, None)

    def get(self, uri: str) -> Optional[Document]:
        return self._documents.get(uri)

    def by_path(self, path: str) -> Optional[Document]:
        """The open document of a file, if it is open."""
        return next((doc for doc in self._documents.values() if doc.path == path), None)

    def __iter__(self) -> Iterator[Document]:
        return iter(list(self._documents.values()))
