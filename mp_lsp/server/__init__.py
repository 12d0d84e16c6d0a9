"""mp-lsp's language server (``mp-lsp serve``), built on pygls.

One concern per module: :mod:`.transport` (framing), :mod:`.protocol` (JSON-RPC rules),
:mod:`.server` (state and scheduling), :mod:`.worker` (the engine thread), :mod:`.documents`
and :mod:`.positions` (the editor's text), :mod:`.diagnostics` (findings as LSP),
:mod:`.configuration` (settings), :mod:`.watchdog` (the client's process), and one module per
group of handlers: :mod:`.lifecycle`, :mod:`.sync`, :mod:`.workspace`, :mod:`.debug`,
:mod:`.features`.
"""

from __future__ import annotations

from mp_lsp.server.main import create_server, serve

__all__ = ["create_server", "serve"]
