"""Notebooks over a real stdio session (LSP 3.17 ``notebookDocument/*``): the cells analysed as
one module, diagnostics and hovers in the right cell, the move-to-a-module quick fix."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from lsprotocol import types

from tests.server.helpers import (
    RecordingClient,
    diagnostics_for,
    initialize,
    vscode_capabilities,
    within,
)
from tests.server.test_code_actions import apply

pytestmark = pytest.mark.asyncio

IMPORTS = "import multiprocessing\n%matplotlib inline\nimport math"
DEFINITION = "def root(x):\n    return math.sqrt(x)"
SINK = "!pip --version\nwith multiprocessing.Pool() as pool:\n    print(pool.map(root, [1, 4]))"


def notebook_capabilities() -> types.ClientCapabilities:
    """VS Code's capabilities, with the notebook synchronisation it declares."""
    capabilities = vscode_capabilities()
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities(
            dynamic_registration=True, execution_summary_support=True
        )
    )
    return capabilities


def cell_uri(path: Path, index: int) -> str:
    return f"vscode-notebook-cell:{path}#cell{index}"


def open_notebook(
    client: RecordingClient, path: Path, cells: list[tuple[str, str]], version: int = 1
) -> list[str]:
    """Open a notebook of (kind, text) cells; returns the cells' URIs."""
    uris = [cell_uri(path, index) for index in range(len(cells))]
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=path.as_uri(), notebook_type="jupyter-notebook", version=version,
                cells=[
                    types.NotebookCell(
                        kind=types.NotebookCellKind.Code if kind == "python"
                        else types.NotebookCellKind.Markup,
                        document=uri,
                    )
                    for uri, (kind, _) in zip(uris, cells)
                ],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=uri, language_id=kind, version=1, text=text)
                for uri, (kind, text) in zip(uris, cells)
            ],
        )
    )
    return uris


def change_cells(
    client: RecordingClient,
    path: Path,
    version: int,
    texts: Optional[dict[str, tuple[int, str]]] = None,
    structure: Optional[types.NotebookDocumentCellChangeStructure] = None,
) -> None:
    """Replace whole cell texts ({uri: (cell version, text)}) and/or change the structure."""
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(
                uri=path.as_uri(), version=version
            ),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    structure=structure,
                    text_content=[
                        types.NotebookDocumentCellContentChanges(
                            document=types.VersionedTextDocumentIdentifier(uri=uri, version=v),
                            changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                        )
                        for uri, (v, text) in (texts or {}).items()
                    ] or None,
                )
            ),
        )
    )


def notebook_cells() -> list[tuple[str, str]]:
    return [("markdown", "# Roots"), ("python", IMPORTS), ("python", DEFINITION),
            ("python", SINK)]


async def test_findings_land_in_their_cells_and_follow_edits(
    client: RecordingClient, tmp_path: Path
) -> None:
    result = await initialize(client, tmp_path, capabilities=notebook_capabilities())
    sync = result.capabilities.notebook_document_sync
    assert isinstance(sync, types.NotebookDocumentSyncOptions)
    path = tmp_path / "roots.ipynb"
    markdown, imports, definition, sink = open_notebook(client, path, notebook_cells())

    published = await diagnostics_for(client, sink, predicate=bool)
    [diagnostic] = published.diagnostics
    assert diagnostic.code == "MP010"
    # `root` in `print(pool.map(root, [1, 4]))`, the cell's third line.
    assert diagnostic.range == types.Range(
        start=types.Position(line=2, character=19), end=types.Position(line=2, character=23)
    )
    assert "defined in a notebook cell" in diagnostic.message
    assert "spawn and forkserver" in diagnostic.message
    assert diagnostic.data["start_methods"] == ["spawn", "forkserver"]
    # The culprit, the `def root` in the cell before.
    related = {(r.location.uri, r.location.range.start.line) for r in
               diagnostic.related_information or []}
    assert (definition, 0) in related
    # The other Python cells are told they have nothing; markdown is not analysed.
    await diagnostics_for(client, imports, predicate=lambda d: not d)
    await diagnostics_for(client, definition, predicate=lambda d: not d)
    assert all(p.uri != markdown for p in client.published)
    assert all(p.uri != path.as_uri() for p in client.published)

    # A new cell before the sink moves nothing within the sink's cell.
    since = len(client.published)
    added = cell_uri(path, 9)
    change_cells(client, path, 2, structure=types.NotebookDocumentCellChangeStructure(
        array=types.NotebookCellArrayChange(start=3, delete_count=0, cells=[
            types.NotebookCell(kind=types.NotebookCellKind.Code, document=added)]),
        did_open=[types.TextDocumentItem(uri=added, language_id="python", version=1,
                                         text="x = 1\ny = 2\n")],
    ))
    moved = await diagnostics_for(client, sink, since=since, predicate=bool)
    assert [d.range.start.line for d in moved.diagnostics] == [2]

    # Editing the sink's cell: the finding follows the text.
    since = len(client.published)
    change_cells(client, path, 3, texts={sink: (2, "\n\n" + SINK)})
    edited = await diagnostics_for(client, sink, since=since, predicate=bool)
    assert [d.range.start.line for d in edited.diagnostics] == [4]

    # Using an imported function instead: nothing left to report in any cell.
    since = len(client.published)
    change_cells(client, path, 4, texts={sink: (3, SINK.replace("root", "math.sqrt"))})
    await diagnostics_for(client, sink, since=since, predicate=lambda d: not d)

    # Closing clears what was published.
    change_cells(client, path, 5, texts={sink: (4, SINK)})
    await diagnostics_for(client, sink, since=since, predicate=bool)
    since = len(client.published)
    client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=path.as_uri()),
            cell_text_documents=[types.TextDocumentIdentifier(uri=u) for u in
                                 (markdown, imports, definition, added, sink)],
        )
    )
    await diagnostics_for(client, sink, since=since, predicate=lambda d: not d)


async def test_noqa_and_lambdas_in_cells(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path, capabilities=notebook_capabilities())
    path = tmp_path / "lambdas.ipynb"
    cells = [("python", "import multiprocessing\ndef f(x):\n    return x"),
             ("python", "%%time\nwith multiprocessing.Pool() as pool:\n"
                        "    pool.map(f, [1])  # noqa: MP010\n    pool.map(lambda x: x, [1])")]
    _, sink = open_notebook(client, path, cells)
    [diagnostic] = (await diagnostics_for(client, sink, predicate=bool)).diagnostics
    assert diagnostic.code == "MP001"
    assert diagnostic.range.start == types.Position(line=3, character=13)
    assert diagnostic.data["start_methods"] == ["spawn", "fork", "forkserver"]


async def test_hover_in_a_cell(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path, capabilities=notebook_capabilities())
    path = tmp_path / "roots.ipynb"
    _, _, _, sink = open_notebook(client, path, notebook_cells())
    await diagnostics_for(client, sink, predicate=bool)

    hover = await within(10, client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=sink),
        position=types.Position(line=2, character=20),
    )))

    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "Pool.map" in hover.contents.value and "root" in hover.contents.value
    assert hover.range is not None and hover.range.start.line == 2


async def test_move_to_a_module_beside_the_notebook(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path, capabilities=notebook_capabilities())
    path = tmp_path / "My roots.ipynb"
    _, _, definition, sink = open_notebook(client, path, notebook_cells())
    [diagnostic] = (await diagnostics_for(client, sink, predicate=bool)).diagnostics

    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=sink), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic]),
    ))
    actions = [a for a in result or [] if isinstance(a, types.CodeAction)]
    assert [a.title for a in actions] == [
        "Move `root` to My_roots_workers.py beside the notebook and import it",
        "Suppress MP010 with `# noqa`",
    ]
    move = actions[0]
    assert move.edit is not None and move.edit.document_changes is not None
    # The cell's edit, then the new file and the code in it.
    cell_edit, create, module_edit = move.edit.document_changes
    module = tmp_path / "My_roots_workers.py"
    assert isinstance(create, types.CreateFile) and create.uri == module.as_uri()
    assert isinstance(module_edit, types.TextDocumentEdit)
    assert isinstance(cell_edit, types.TextDocumentEdit)
    assert cell_edit.text_document.uri == definition and cell_edit.text_document.version == 1
    module_text = apply("", list(module_edit.edits))  # type: ignore[arg-type]
    assert module_text == "import math\n\n\ndef root(x):\n    return math.sqrt(x)\n"
    new_cell = apply(DEFINITION, list(cell_edit.edits))  # type: ignore[arg-type]
    assert new_cell == "from My_roots_workers import root"

    # The client applies it: the file exists, the cell imports; re-analysis clears the finding.
    module.write_text(module_text)
    since = len(client.published)
    change_cells(client, path, 2, texts={definition: (2, new_cell)})
    await diagnostics_for(client, sink, since=since, predicate=lambda d: not d)
    assert all(not p.diagnostics for p in client.published[since:])
