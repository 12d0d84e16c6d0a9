"""Notebook documents (LSP 3.17 ``notebookDocument/*``): a notebook's cells as one module.

A client that syncs notebooks (VS Code, for the notebook types the server's
:data:`SYNC_OPTIONS` select) sends the notebook's structure and each cell as a text document.
pygls keeps the structure (the cells, their kinds, their order: read here with
``workspace.get_notebook_document``, its public API); the cells' texts are kept here as
:class:`~mp_lsp.server.documents.Document` objects, with the server's own line rules, as for
every other document.

The engine analyses the notebook as one module (:mod:`mp_lsp.engine.notebook`): the notebook
has a :class:`Document` of its own in the server's document store, under the notebook's URI,
whose text is that module; the scheduler analyses it like any file, and this module puts
what comes back into the cells: diagnostics are published per cell (every Python cell gets
its list, an empty one too), and a hover or a code action asked in a cell is answered from the
notebook's module, its positions moved from the cell to the module and back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import from_fs_path

from mp_lsp.engine.notebook import Cell, NotebookSource, notebook_source
from mp_lsp.engine.text import decode_lenient
from mp_lsp.fixes import Fix, NewCode, fixes_for
from mp_lsp.server.diagnostics import to_diagnostic, to_range
from mp_lsp.server.documents import Document
from mp_lsp.server.positions import Encoding, LineIndex

if TYPE_CHECKING:
    from mp_lsp.server.server import MpLanguageServer

#: The notebooks the server asks to be synced: any notebook type, its Python cells.
SYNC_OPTIONS = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithCells(
            notebook="*", cells=[types.NotebookCellLanguage(language="python")]
        )
    ],
)


@dataclass
class OpenNotebook:
    """One open notebook: its cells' texts, and the module the engine reads."""

    uri: str
    #: The module of its Python cells, as a document of the server's store.
    document: Document
    #: The cells' text documents, by URI, and their order in the notebook.
    cells: dict[str, Document]
    order: list[str]
    kinds: dict[str, types.NotebookCellKind]
    #: The negotiated position encoding (columns of the ends of cells).
    encoding: Encoding
    source: NotebookSource = field(init=False)
    #: The cells diagnostics were last published for (they get an empty list when they go).
    published: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """The module again, from the cells' current texts and order."""
        self.source = notebook_source(
            Cell(
                "code" if self.kinds.get(uri) == types.NotebookCellKind.Code else "markdown",
                self.cells[uri].text if uri in self.cells else "",
                self.cells[uri].language_id if uri in self.cells else "",
            )
            for uri in self.order
        )
        self.document.text = self.source.text

    # -- positions between the cells and the module ----------------------------------------
    def cell_start(self, cell_uri: str) -> Optional[int]:
        """The 0-based module line of the cell's first line (``None``: not a Python cell)."""
        if cell_uri not in self.order:
            return None
        first = self.source.cells.first_line_of(self.order.index(cell_uri))
        return None if first is None else first - 1

    def to_cell(self, range_: types.Range) -> Optional[tuple[str, types.Range]]:
        """A module range as a range in its cell. A range that ends in a later cell (a
        removal up to the start of the next line) ends at the end of its own cell."""
        entry = self.source.cells.entry_of_line(range_.start.line + 1)
        if entry is None:
            return None
        uri = self.order[entry.cell]
        first = entry.first_line - 1
        start = types.Position(line=range_.start.line - first, character=range_.start.character)
        end_entry = self.source.cells.entry_of_line(range_.end.line + 1)
        if end_entry is not None and end_entry.cell == entry.cell:
            end = types.Position(line=range_.end.line - first, character=range_.end.character)
        else:
            lines = self.cells[uri].lines if uri in self.cells else LineIndex("")
            last = max(entry.line_count - 1, 0)
            end_line, end_character = lines.to_units(last, len(lines.line(last)), self.encoding)
            end = types.Position(line=end_line, character=end_character)
        return uri, types.Range(start=start, end=end)

    def diagnostic_in_cell(
        self, diagnostic: types.Diagnostic
    ) -> Optional[tuple[str, types.Diagnostic]]:
        """A diagnostic of the module as one of its cell; related places in the notebook are
        moved to their cells too."""
        placed = self.to_cell(diagnostic.range)
        if placed is None:
            return None
        uri, range_ = placed
        own = from_fs_path(self.document.path or "")
        related = []
        for information in diagnostic.related_information or []:
            location = information.location
            if location.uri == own:
                moved = self.to_cell(location.range)
                if moved is None:
                    continue
                location = types.Location(uri=moved[0], range=moved[1])
            related.append(types.DiagnosticRelatedInformation(location=location,
                                                              message=information.message))
        return uri, types.Diagnostic(
            range=range_, message=diagnostic.message, severity=diagnostic.severity,
            code=diagnostic.code, code_description=diagnostic.code_description,
            source=diagnostic.source, related_information=related or None, data=diagnostic.data,
        )


class NotebookStore:
    """The open notebooks, by notebook URI, and which notebook each cell belongs to."""

    def __init__(self, ls: MpLanguageServer) -> None:
        self._ls = ls
        self._notebooks: dict[str, OpenNotebook] = {}
        self._cell_owner: dict[str, str] = {}

    def get(self, uri: str) -> Optional[OpenNotebook]:
        return self._notebooks.get(uri)

    def owns(self, uri: str) -> bool:
        """Whether ``uri`` is an open notebook (whose diagnostics go to its cells)."""
        return uri in self._notebooks

    def of_cell(self, cell_uri: str) -> Optional[OpenNotebook]:
        """The open notebook a cell belongs to."""
        owner = self._cell_owner.get(cell_uri)
        return None if owner is None else self._notebooks.get(owner)

    # -- synchronisation -------------------------------------------------------------------
    def open(self, params: types.DidOpenNotebookDocumentParams) -> None:
        notebook = params.notebook_document
        document = self._ls.documents.open(
            types.TextDocumentItem(
                uri=notebook.uri, language_id="python", version=notebook.version, text=""
            )
        )
        cells = {item.uri: _cell_document(item) for item in params.cell_text_documents}
        opened = OpenNotebook(
            notebook.uri, document, cells,
            [cell.document for cell in notebook.cells],
            {cell.document: cell.kind for cell in notebook.cells},
            self._ls.encoding,
        )
        self._notebooks[notebook.uri] = opened
        self._cell_owner.update((uri, notebook.uri) for uri in cells)
        self._ls.scheduler.opened(document)

    def change(self, params: types.DidChangeNotebookDocumentParams) -> None:
        opened = self._notebooks.get(params.notebook_document.uri)
        if opened is None:
            self._ls.log_warning(
                f"ignoring a change to {params.notebook_document.uri}, which is not open"
            )
            return
        changes = params.change.cells
        if changes is not None:
            structure = changes.structure
            for item in (structure.did_open or []) if structure else []:
                opened.cells[item.uri] = _cell_document(item)
                self._cell_owner[item.uri] = opened.uri
            for closed in (structure.did_close or []) if structure else []:
                opened.cells.pop(closed.uri, None)
                self._cell_owner.pop(closed.uri, None)
            for content in changes.text_content or []:
                cell = opened.cells.get(content.document.uri)
                if cell is None:
                    self._ls.log_warning(f"ignoring a change to cell {content.document.uri}")
                    continue
                for change in content.changes:
                    cell.apply(change, self._ls.encoding)
                cell.version = content.document.version
        self._take_structure(opened, params)
        opened.document.version = params.notebook_document.version
        opened.rebuild()
        self._ls.scheduler.changed(opened.document)

    def _take_structure(
        self, opened: OpenNotebook, params: types.DidChangeNotebookDocumentParams
    ) -> None:
        """The cells' order and kinds, from pygls' notebook store (updated before this)."""
        notebook = self._ls.workspace.get_notebook_document(notebook_uri=opened.uri)
        if notebook is not None:
            opened.order = [cell.document for cell in notebook.cells]
            opened.kinds = {cell.document: cell.kind for cell in notebook.cells}
            return
        # Without pygls' copy, splice the change in as pygls would.
        structure = params.change.cells.structure if params.change.cells else None
        if structure is not None:
            array = structure.array
            new = [cell.document for cell in array.cells or []]
            opened.order[array.start:array.start + array.delete_count] = new
            opened.kinds.update((cell.document, cell.kind) for cell in array.cells or [])

    def close(self, params: types.DidCloseNotebookDocumentParams) -> None:
        opened = self._notebooks.get(params.notebook_document.uri)
        document = self._ls.documents.close(params.notebook_document.uri)
        if opened is None or document is None:
            self._ls.log_warning(
                f"ignoring the close of {params.notebook_document.uri}, which is not open"
            )
            return
        self._ls.scheduler.closed(document)  # clears the cells' diagnostics, then:
        del self._notebooks[opened.uri]
        for uri in list(opened.cells):
            self._cell_owner.pop(uri, None)

    # -- diagnostics -----------------------------------------------------------------------
    def publish(self, params: types.PublishDiagnosticsParams) -> None:
        """Publish a notebook's diagnostics (module ranges) in its cells."""
        opened = self._notebooks[params.uri]
        by_cell: dict[str, list[types.Diagnostic]] = {
            uri: [] for uri in opened.order
            if opened.kinds.get(uri) == types.NotebookCellKind.Code
        }
        for diagnostic in params.diagnostics:
            placed = opened.diagnostic_in_cell(diagnostic)
            if placed is not None:
                by_cell.setdefault(placed[0], []).append(placed[1])
        for uri in opened.published - by_cell.keys():
            by_cell[uri] = []
        for uri, diagnostics in by_cell.items():
            cell = opened.cells.get(uri)
            self._ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=diagnostics,
                    version=cell.version if cell is not None and params.version is not None
                    else None,
                )
            )
        opened.published = {uri for uri, diagnostics in by_cell.items() if diagnostics}


def _cell_document(item: types.TextDocumentItem) -> Document:
    return Document(uri=item.uri, text=item.text, version=item.version,
                    language_id=item.language_id)


# -- hover and code actions in a cell ------------------------------------------------------------
def cell_to_module(
    opened: OpenNotebook, cell_uri: str, position: types.Position
) -> Optional[types.Position]:
    """A position in a cell as a position in the notebook's module."""
    start = opened.cell_start(cell_uri)
    if start is None:
        return None
    return types.Position(line=start + position.line, character=position.character)


def code_actions(
    ls: MpLanguageServer, opened: OpenNotebook, cell_uri: str, params: types.CodeActionParams
) -> list[types.CodeAction]:
    """The quick fixes of the notebook's current findings that touch the range in the cell."""
    document = opened.document
    if document.path is None:
        return []
    wanted = params.range
    actions: list[types.CodeAction] = []
    for finding in ls.scheduler.findings(opened.uri):
        module_diagnostic = to_diagnostic(
            finding, document.path, document.lines, lambda _: None, ls.encoding
        )
        placed = opened.diagnostic_in_cell(module_diagnostic)
        if placed is None or placed[0] != cell_uri:
            continue
        diagnostic = next(
            (d for d in params.context.diagnostics
             if d.code == finding.code and d.range == placed[1].range),
            placed[1],
        )
        found = placed[1].range
        if (found.end.line, found.end.character) < (wanted.start.line, wanted.start.character) or (
            found.start.line, found.start.character
        ) > (wanted.end.line, wanted.end.character):
            continue
        for fix in fixes_for(document.text, finding):
            action = _action(ls, opened, fix, diagnostic)
            if action is not None:
                actions.append(action)
    return actions


def _action(
    ls: MpLanguageServer, opened: OpenNotebook, fix: Fix, diagnostic: types.Diagnostic
) -> Optional[types.CodeAction]:
    """A fix as a quick fix whose edits are in the cells (and in files beside the notebook);
    ``None`` when an edit cannot be put in one cell or the client cannot make the file."""
    by_cell: dict[str, list[types.TextEdit]] = {}
    for edit in fix.edits:
        placed = opened.to_cell(to_range(edit.span, opened.document.lines, ls.encoding))
        if placed is None:
            return None
        by_cell.setdefault(placed[0], []).append(
            types.TextEdit(range=placed[1], new_text=edit.new_text)
        )
    capabilities = ls.client_capabilities
    versioned = get_capability(capabilities, "workspace.workspace_edit.document_changes", False)
    operations = get_capability(capabilities, "workspace.workspace_edit.resource_operations", [])
    can_create = versioned and types.ResourceOperationKind.Create in (operations or [])
    changes: list[object] = [
        types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(
                uri=uri, version=opened.cells[uri].version if uri in opened.cells else None
            ),
            edits=list(edits),
        )
        for uri, edits in by_cell.items()
    ]
    plain: dict[str, list[types.TextEdit]] = dict(by_cell)
    for code in fix.files:
        placed_file = _file_edit(ls, opened, code)
        if placed_file is None:
            return None
        uri, edit, exists = placed_file
        if not exists:
            if not can_create:
                return None
            changes.append(types.CreateFile(
                uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)
            ))
        changes.append(types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
            edits=[edit],
        ))
        plain.setdefault(uri, []).append(edit)
    if versioned:
        workspace_edit = types.WorkspaceEdit(document_changes=changes)  # type: ignore[arg-type]
    else:
        workspace_edit = types.WorkspaceEdit(changes=plain)
    return types.CodeAction(
        title=fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
        edit=workspace_edit, is_preferred=fix.preferred or None,
    )


def _file_edit(
    ls: MpLanguageServer, opened: OpenNotebook, code: NewCode
) -> Optional[tuple[str, types.TextEdit, bool]]:
    """Where ``code`` goes in its file beside the notebook: the file's URI, the insertion at
    its end, and whether the file exists (an open buffer counts)."""
    if opened.document.path is None:
        return None
    path = os.path.join(os.path.dirname(opened.document.path), code.name)
    buffer = ls.documents.by_path(path)
    if buffer is not None:
        text: Optional[str] = buffer.text
    elif os.path.isfile(path):
        try:
            with open(path, "rb") as handle:
                text = decode_lenient(handle.read())
        except OSError:
            return None
    else:
        text = None
    uri = buffer.uri if buffer is not None else (from_fs_path(path) or path)
    if not text or not text.strip():
        # A new (or empty) file: the code is all of it.
        whole = LineIndex(text or "").to_units(10**9, 0, ls.encoding)
        range_ = types.Range(start=types.Position(line=0, character=0),
                             end=types.Position(line=whole[0], character=whole[1]))
        return uri, types.TextEdit(range=range_, new_text=code.text), text is not None
    # At the end, two blank lines after what is there (PEP 8's gap between definitions).
    line, character = LineIndex(text).to_units(10**9, 0, ls.encoding)
    separator = "\n\n" if text.endswith(("\n", "\r")) else "\n\n\n"
    end = types.Position(line=line, character=character)
    return uri, types.TextEdit(range=types.Range(start=end, end=end),
                               new_text=separator + code.text), True


def register(server: MpLanguageServer) -> None:
    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def did_open(ls: MpLanguageServer, params: types.DidOpenNotebookDocumentParams) -> None:
        ls.notebooks.open(params)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def did_change(ls: MpLanguageServer, params: types.DidChangeNotebookDocumentParams) -> None:
        ls.notebooks.change(params)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def did_close(ls: MpLanguageServer, params: types.DidCloseNotebookDocumentParams) -> None:
        ls.notebooks.close(params)
