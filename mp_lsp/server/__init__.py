"""mp-lsp's language server (``mp-lsp serve``), built on pygls.

One concern per module: :mod:`.transport` (framing), :mod:`.connection` (the message loop,
the reader thread, the exit code), :mod:`.protocol` (JSON-RPC rules), :mod:`.pygls_adapter`
(every use of pygls' private state), :mod:`.server` (the session's state, composed of the
others), :mod:`.scheduler` (what is analysed when, what is published), :mod:`.worker` (the
engine thread), :mod:`.documents` and :mod:`.positions` (the editor's text),
:mod:`.diagnostics` (findings as LSP), :mod:`.configuration` (settings), :mod:`.watchdog` (the
client's process), and one module per group of handlers: :mod:`.lifecycle`, :mod:`.sync`,
:mod:`.workspace`, :mod:`.debug`, :mod:`.features`.
"""

from __future__ import annotations

from mp_lsp.server.main import create_server, serve

__all__ = ["create_server", "serve"]
