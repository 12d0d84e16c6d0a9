"""``initialize``, ``initialized`` and ``shutdown``: the start and end of a session.

``exit`` and the error answers around the lifecycle (requests before ``initialize`` or after
``shutdown``) are JSON-RPC matters and live in :mod:`mp_lsp.server.protocol`.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from mp_lsp.server import workspace
from mp_lsp.server.server import MpLanguageServer


def register(server: MpLanguageServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: MpLanguageServer, params: types.InitializeParams) -> None:
        ls.initialize(params)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: MpLanguageServer, params: types.InitializedParams) -> None:
        # Watchers first: a file saved while the configuration is pulled is then not missed.
        await workspace.register_watchers(ls)
        await workspace.pull_configuration(ls)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: MpLanguageServer, params: Any) -> None:
        # No analysis is wanted any more; the thread finishes its current one and stops.
        ls.worker.close()
