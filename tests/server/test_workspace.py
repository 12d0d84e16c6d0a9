"""Cross-file updates and settings: what changes outside the document being edited."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from tests.server.helpers import (
    LAMBDA_PROGRAM,
    RecordingClient,
    change_document,
    diagnostics_for,
    document_text,
    initialize,
    open_document,
    vscode_capabilities,
    wait_until,
)

pytestmark = pytest.mark.asyncio

MODELS = """\
class Job:
    def __init__(self, name):
        self.name = name
"""

MODELS_WITH_LOCK = """\
import threading


class Job:
    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()
"""

MAIN = """\
import multiprocessing

from models import Job


def run(job):
    return job.name


if __name__ == "__main__":
    jobs = [Job("a"), Job("b")]
    with multiprocessing.Pool() as pool:
        print(pool.map(run, jobs))
"""


def _workspace(root: Path) -> tuple[Path, Path]:
    (root / "models.py").write_text(MODELS)
    (root / "main.py").write_text(MAIN)
    return root / "models.py", root / "main.py"


async def _open_both(client: RecordingClient, root: Path) -> tuple[Path, str, str]:
    """Both files open, ``main.py`` analysed clean; returns models.py and both URIs."""
    models, main = _workspace(root)
    await initialize(client, root)
    main_uri = open_document(client, main, MAIN)
    models_uri = open_document(client, models, MODELS)
    await diagnostics_for(client, main_uri, version=1, predicate=lambda d: not d)
    return models, main_uri, models_uri


def _has_mp006(diagnostics: list[types.Diagnostic]) -> bool:
    return any(d.code == "MP006" for d in diagnostics)


async def test_a_file_changed_on_disk_updates_its_importers(
    client: RecordingClient, tmp_path: Path
) -> None:
    models, main = _workspace(tmp_path)
    await initialize(client, tmp_path)
    uri = open_document(client, main, MAIN)
    await diagnostics_for(client, uri, version=1, predicate=lambda d: not d)

    count = len(client.published)
    models.write_text(MODELS_WITH_LOCK)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=models.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    published = await diagnostics_for(client, uri, since=count, predicate=_has_mp006)
    [diagnostic] = published.diagnostics
    # The culprit is in the other file.
    assert diagnostic.related_information
    assert diagnostic.related_information[0].location.uri == models.as_uri()
    assert diagnostic.related_information[0].location.range.start.line == 6


async def test_editing_and_saving_an_open_module_updates_its_importers(
    client: RecordingClient, tmp_path: Path
) -> None:
    models, main_uri, models_uri = await _open_both(client, tmp_path)

    change_document(
        client,
        models_uri,
        2,
        [
            ((0, 0, 0, 0), "import threading\n\n\n"),
            ((5, 24, 5, 24), "\n        self.lock = threading.Lock()"),
        ],
    )
    text = await document_text(client, models_uri)
    assert text.text == MODELS_WITH_LOCK
    count = len(client.published)
    models.write_text(text.text)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=models_uri))
    )
    await diagnostics_for(client, main_uri, since=count, predicate=_has_mp006)

    # Undo it: the finding goes away again.
    count = len(client.published)
    change_document(client, models_uri, 3, [((0, 0, 7, 0), MODELS)])
    models.write_text(MODELS)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=models_uri))
    )
    await diagnostics_for(client, main_uri, since=count, predicate=lambda d: not d)


async def test_unsaved_edits_of_an_open_module_update_its_importers(
    client: RecordingClient, tmp_path: Path
) -> None:
    models, main_uri, models_uri = await _open_both(client, tmp_path)

    count = len(client.published)
    change_document(client, models_uri, 2, [((0, 0, 3, 0), MODELS_WITH_LOCK)])
    published = await diagnostics_for(client, main_uri, since=count, predicate=_has_mp006)
    [diagnostic] = published.diagnostics
    assert diagnostic.related_information[0].location.uri == models.as_uri()
    assert models.read_text() == MODELS  # nothing was saved

    # Closing the unsaved buffer makes the disk the truth again.
    count = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=models_uri))
    )
    await diagnostics_for(client, main_uri, since=count, predicate=lambda d: not d)


async def test_a_bad_start_method_is_reported_and_defaults_are_used(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path, options={"start-method": "bogus"})
    message = await wait_until(lambda: client.messages, what="window/showMessage")
    assert message[0].type == types.MessageType.Warning
    assert "start-method" in message[0].message and "bogus" in message[0].message
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, uri, version=1, predicate=bool)


async def test_bad_editor_settings_each_get_a_message(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(
        client,
        tmp_path,
        options={"mp-lsp": {"select": ["XX1"], "interpreter": str(tmp_path / "no-python")}},
    )
    await wait_until(lambda: len(client.messages) >= 2, what="two messages")
    text = " ".join(m.message for m in client.messages)
    assert "'select'" in text and "XX1" in text
    assert "'interpreter'" in text


async def test_settings_from_pyproject_and_from_the_editor(
    client: RecordingClient, tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mp-lsp]\nignore = ["MP001"]\n')
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(configuration=True)
    )
    client.set_configuration({"mp-lsp": {"ignore": None, "select": []}})
    await initialize(client, tmp_path, capabilities=capabilities)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    # pyproject.toml ignores MP001, and unset editor settings do not override it.
    await diagnostics_for(client, uri, version=1, predicate=lambda d: not d)

    count = len(client.published)
    client.set_configuration({"mp-lsp": {"ignore": ["MP008"]}})
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await diagnostics_for(client, uri, since=count, predicate=bool)

    count = len(client.published)
    client.set_configuration({"mp-lsp": {"start-method": "nonsense"}})
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_until(lambda: client.messages, what="window/showMessage")
    assert "start-method" in client.messages[0].message
    # Back to the pyproject.toml setting, which ignores MP001.
    await diagnostics_for(client, uri, since=count, predicate=lambda d: not d)


async def test_settings_pushed_with_did_change_configuration(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, uri, version=1, predicate=bool)
    count = len(client.published)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"mp-lsp": {"ignore": ["MP0"]}})
    )
    await diagnostics_for(client, uri, since=count, predicate=lambda d: not d)


async def test_severity_overrides_from_the_editor(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path, options={"severity": {"MP001": "information"}})
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    published = await diagnostics_for(client, uri, version=1, predicate=bool)
    assert {d.code: d.severity for d in published.diagnostics}["MP001"] == (
        types.DiagnosticSeverity.Information
    )
    count = len(client.published)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"mp-lsp": {"severity": {"MP0": "hint"}}})
    )
    await diagnostics_for(
        client, uri, since=count,
        predicate=lambda d: bool(d) and d[0].severity == types.DiagnosticSeverity.Hint,
    )


async def test_editing_pyproject_changes_the_settings(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, uri, version=1, predicate=bool)
    count = len(client.published)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.mp-lsp]\nselect = ["MP002"]\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    await diagnostics_for(client, uri, since=count, predicate=lambda d: not d)


async def test_excluded_files_are_not_analysed(client: RecordingClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mp-lsp]\nexclude = ["generated"]\n')
    (tmp_path / "generated").mkdir()
    await initialize(client, tmp_path)
    skipped = open_document(client, tmp_path / "generated" / "main.py", LAMBDA_PROGRAM)
    checked = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, checked, version=1, predicate=bool)
    assert all(not params.diagnostics for params in client.published if params.uri == skipped)


async def test_watchers_are_registered_when_the_client_can(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path, capabilities=vscode_capabilities())
    registrations = await wait_until(lambda: client.registrations, what="a registration")
    methods = {registration.method for registration in registrations}
    assert types.WORKSPACE_DID_CHANGE_WATCHED_FILES in methods
