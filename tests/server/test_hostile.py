"""Pathological documents stay fast: a long line is analysed at once, a long file is said to be
too large at once (``benchmarks/server_latency.py --hostile`` measures the whole battery)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mp_lsp.server.scheduler import MAX_ANALYSED_LINES
from tests.server.helpers import (
    LAMBDA_PROGRAM,
    RecordingClient,
    diagnostics_for,
    initialize,
    open_document,
    wait_until,
)

pytestmark = pytest.mark.asyncio


async def test_a_100000_character_line_is_analysed_promptly(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    warm = open_document(client, tmp_path / "warm.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, warm, version=1, predicate=bool)
    long_line = "VALUES = [" + ", ".join(["1234567"] * 11_111) + "]\n"
    for name, text in (("long.py", long_line), ("unclosed.py", long_line.replace("]", ""))):
        started = time.monotonic()
        uri = open_document(client, tmp_path / name, LAMBDA_PROGRAM + text)
        published = await diagnostics_for(client, uri, version=1, predicate=bool, timeout=10)
        assert [d.code for d in published.diagnostics] == ["MP001"]
        assert time.monotonic() - started < 3, name  # about 0.5 s on a quiet machine


async def test_a_50000_line_file_is_said_to_be_too_large_at_once(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(50_000 // 3))
    assert body.count("\n") > MAX_ANALYSED_LINES
    started = time.monotonic()
    open_document(client, tmp_path / "long.py", LAMBDA_PROGRAM + body)

    def told() -> bool:
        return any(
            "long.py: the file is too large" in message.message
            for message in client.log_messages
        )

    await wait_until(told, timeout=5, what="the 'too large' message")
    assert time.monotonic() - started < 2
