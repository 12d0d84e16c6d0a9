"""Workspace events: files changed on disk, and the settings the editor holds.

A change to one file can change the findings of another (the class in ``models.py`` gains a
lock, and ``main.py``, which sends its instances to a pool, now fails), so files changed outside
the editor are watched, and the documents importing them analysed again.
"""

from __future__ import annotations

import uuid

from lsprotocol import types
from pygls.capabilities import get_capability

from mp_lsp.server.configuration import SECTION, section_of
from mp_lsp.server.documents import uri_to_path
from mp_lsp.server.server import MpLanguageServer

#: What the server asks a client that supports dynamic registration to watch.
WATCHED_GLOBS = ("**/*.py", "**/pyproject.toml")


async def register_watchers(ls: MpLanguageServer) -> None:
    """Ask the client to report changes of Python files and pyproject.toml, and settings."""
    registrations = []
    capabilities = ls.client_capabilities
    if get_capability(capabilities, "workspace.did_change_watched_files.dynamic_registration"):
        registrations.append(
            types.Registration(
                id=str(uuid.uuid4()),
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
                ),
            )
        )
    if get_capability(capabilities, "workspace.did_change_configuration.dynamic_registration"):
        registrations.append(
            types.Registration(
                id=str(uuid.uuid4()),
                method=types.WORKSPACE_DID_CHANGE_CONFIGURATION,
                register_options=types.DidChangeConfigurationRegistrationOptions(section=SECTION),
            )
        )
    if not registrations:
        return
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(registrations=registrations)
        )
    except Exception as error:  # the client said no: the server works without watchers
        ls.log_warning(f"the client did not register file watchers: {error}")


async def pull_configuration(ls: MpLanguageServer) -> None:
    """Ask for the ``mp-lsp`` section (when the client supports ``workspace/configuration``)."""
    if ls.sources is None or not get_capability(
        ls.client_capabilities, "workspace.configuration", False
    ):
        return
    try:
        result = await ls.workspace_configuration_async(
            types.ConfigurationParams(
                items=[types.ConfigurationItem(section=SECTION, scope_uri=ls.root.as_uri())]
            )
        )
    except Exception as error:
        ls.log_warning(f"cannot read the editor's settings: {error}")
        return
    ls.sources.client = section_of(result[0] if result else None)
    ls.apply_configuration()


def register(server: MpLanguageServer) -> None:
    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: MpLanguageServer, params: types.DidChangeConfigurationParams
    ) -> None:
        if get_capability(ls.client_capabilities, "workspace.configuration", False):
            await pull_configuration(ls)
        elif ls.sources is not None:
            ls.sources.client = section_of(params.settings)
            ls.apply_configuration()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: MpLanguageServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        for change in params.changes:
            path = uri_to_path(change.uri)
            if path is not None:
                ls.file_changed_on_disk(path)
