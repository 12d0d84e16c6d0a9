"""A pytest-lsp client connected to a fresh ``mp-lsp serve`` over stdio, for each test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest_lsp
from pytest_lsp import ClientServerConfig

from tests.server.helpers import SERVER_COMMAND, RecordingClient, make_recording_client


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_recording_client)
)
async def client(lsp_client: RecordingClient) -> AsyncIterator[RecordingClient]:
    """The client, not yet initialized: each test initializes it with its own workspace."""
    yield lsp_client
    # A server that does not exit after shutdown and exit fails the test instead of hanging.
    await asyncio.wait_for(lsp_client.shutdown_session(), 10)
