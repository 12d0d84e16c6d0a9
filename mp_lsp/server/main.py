"""Build the server and run it on stdio or TCP; what ``mp-lsp serve`` calls."""

from __future__ import annotations

import logging
import sys
from typing import Optional

from mp_lsp.runtime import relax_garbage_collection
from mp_lsp.server import debug, features, lifecycle, notebooks, sync, workspace
from mp_lsp.server.server import MpLanguageServer
from mp_lsp.server.transport import stdio_connection, tcp_connection


def create_server(client_pids: tuple[int, ...] = ()) -> MpLanguageServer:
    """A server with every handler registered (``client_pids``: processes to outlive never)."""
    server = MpLanguageServer(client_pids)
    for module in (lifecycle, sync, notebooks, workspace, debug, features):
        module.register(server)
    return server


def serve(tcp: Optional[tuple[str, int]] = None, client_pids: tuple[int, ...] = ()) -> int:
    """Serve one client on stdio (or on the TCP address ``tcp``) and return the exit code.

    The exit code is 0 after ``shutdown`` and ``exit``, 1 when the client went away without
    them (as LSP specifies).
    """
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    relax_garbage_collection()
    server = create_server(client_pids)
    if tcp is None:
        return server.serve(stdio_connection())
    host, port = tcp
    with tcp_connection(host, port, announce=lambda text: print(text, file=sys.stderr)) as conn:
        return server.serve(conn)
