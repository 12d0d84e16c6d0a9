"""The server's copy of a document stays the editor's, through emoji, big files and long use.

The client side of these tests keeps its own copy of the text and computes LSP positions with
its own code (below), independent of the server's, as an editor would.
"""

from __future__ import annotations

import asyncio
import bisect
import random
import re
import time
from pathlib import Path

import pytest
from lsprotocol import types

from mp_lsp.server.features import HOVER_WAIT_SECONDS
from tests.server.helpers import (
    FIXED_PROGRAM,
    LAMBDA_PROGRAM,
    RecordingClient,
    change_document,
    diagnostics_for,
    document_text,
    initialize,
    open_document,
    rss_kib,
    within,
)

pytestmark = pytest.mark.asyncio

#: What the random edits insert: astral characters (two UTF-16 units), accents, every kind of
#: line break, and characters that str.splitlines() (but not LSP) takes for line breaks.
INSERTIONS = ["😀", "é", "🎉x", "🐍🐍", "abc", "\n", "\r\n", "\r", "\t", "\u2028", "\x0c", "中文"]


class ClientText:
    """The editor's copy: positions in UTF-16 units, lines split the LSP way."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]

    def valid_offsets(self) -> list[int]:
        """Offsets an LSP position can name: not inside a "\\r\\n"."""
        breaks = list(re.finditer(r"\r\n|\r|\n", self.text))
        ends = [m.start() for m in breaks] + [len(self.text)]
        return [
            offset
            for start, end in zip(self._line_starts(), ends)
            for offset in range(start, end + 1)
        ]

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._line_starts()
        line = bisect.bisect_right(starts, offset) - 1
        prefix = self.text[starts[line] : offset]
        return line, len(prefix.encode("utf-16-le")) // 2

    def random_edit(self, rng: random.Random) -> tuple[tuple[int, int, int, int], str]:
        offsets = self.valid_offsets()
        start = rng.choice(offsets)
        later = [offset for offset in offsets if start <= offset <= start + 12]
        end = rng.choice(later) if rng.random() < 0.5 else start
        inserted = "".join(rng.choice(INSERTIONS) for _ in range(rng.randint(0, 3)))
        change = (*self.position(start), *self.position(end))
        self.text = self.text[:start] + inserted + self.text[end:]
        return change, inserted


async def test_emoji_edited_by_utf16_offsets(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path)
    mirror = ClientText("a😀b\n😀😀\r\nx🎉y\rlast\u2028line\x0cend")
    uri = open_document(client, tmp_path / "emoji.py", mirror.text)
    rng = random.Random(7)
    for version in range(2, 62):
        change, inserted = mirror.random_edit(rng)
        change_document(client, uri, version, [(change, inserted)])
        if version % 10 == 0:
            assert (await document_text(client, uri)).text == mirror.text
    result = await document_text(client, uri)
    assert (result.version, result.text) == (61, mirror.text)


async def test_ranges_of_requests_are_read_in_utf16(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "emoji.py", "x = '😀é😀'\n")

    async def select(start: int, end: int) -> str:
        range_ = {"start": {"line": 0, "character": start}, "end": {"line": 0, "character": end}}
        return str((await document_text(client, uri, range_)).text)

    # In UTF-16 units the emoji are two wide: 😀 is 5-7, é 7-8, 😀 8-10.
    assert await select(5, 10) == "😀é😀"
    assert await select(7, 8) == "é"
    # Half an emoji is no position: it counts as the emoji's start.
    assert await select(5, 9) == "😀é"
    assert await select(0, 99) == "x = '😀é😀'"


async def test_a_long_session_of_random_edits(client: RecordingClient, tmp_path: Path) -> None:
    """500 random edits: the server stays alive, answers, agrees on the text, keeps its memory."""
    await initialize(client, tmp_path)
    mirror = ClientText(LAMBDA_PROGRAM * 3)
    uri = open_document(client, tmp_path / "session.py", mirror.text)
    await diagnostics_for(client, uri, version=1, predicate=bool)
    pid = client._server.pid  # type: ignore[union-attr]
    before = rss_kib(pid)

    rng = random.Random(2024)
    version = 1
    for step in range(500):
        version += 1
        change, inserted = mirror.random_edit(rng)
        change_document(client, uri, version, [(change, inserted)])
        if step % 50 == 49:
            result = await within(5, document_text(client, uri))
            assert (result.version, result.text) == (version, mirror.text), step
            await asyncio.sleep(0.1)  # let some analyses run, as while typing

    # Back to a known program: the diagnostics of the last version are right.
    version += 1
    whole = (0, 0, *mirror.position(len(mirror.text)))
    change_document(client, uri, version, [(whole, LAMBDA_PROGRAM)])
    mirror.text = LAMBDA_PROGRAM
    published = await diagnostics_for(client, uri, version=version, predicate=bool)
    assert [d.code for d in published.diagnostics] == ["MP001"]
    assert (await document_text(client, uri)).text == mirror.text
    growth = rss_kib(pid) - before
    assert growth < 30_000, f"the server grew by {growth} KiB"


async def test_a_5mb_file_does_not_block_other_requests(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    line = "value_{} = [1, 2, 3, 'some text to make the line long enough']\n"
    big = LAMBDA_PROGRAM + "".join(line.format(i) for i in range(5_000_000 // len(line)))
    assert len(big) > 5_000_000
    big_uri = open_document(client, tmp_path / "big.py", big)
    small_uri = open_document(client, tmp_path / "small.py", LAMBDA_PROGRAM)
    started = time.monotonic()
    result = await within(2, document_text(client, small_uri))
    assert result.text == LAMBDA_PROGRAM
    await diagnostics_for(client, small_uri, version=1, predicate=bool, timeout=5)
    # Edits to the big file are applied, and answered, promptly too.
    change_document(client, big_uri, 2, [((0, 0, 0, 0), "# edited\n")])
    first_line = {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}
    selected = await within(2, document_text(client, big_uri, first_line))
    assert selected.text == "# edited\n"
    assert time.monotonic() - started < 6


async def test_a_50000_line_file_does_not_block_other_requests(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(50_000 // 3))
    long = LAMBDA_PROGRAM + body
    assert long.count("\n") >= 50_000
    long_uri = open_document(client, tmp_path / "long.py", long)
    await asyncio.sleep(0.1)  # its analysis has started
    small_uri = open_document(client, tmp_path / "small.py", FIXED_PROGRAM)
    result = await within(2, document_text(client, small_uri))
    assert result.text == FIXED_PROGRAM
    change_document(client, long_uri, 2, [((0, 0, 0, 0), "# edited\n")])
    result = await within(2, document_text(client, long_uri))
    assert result.text.startswith("# edited\nimport multiprocessing")
    # A hover needs the engine, which is busy with the long file: it is answered all the same
    # (with nothing, after a bounded wait, if the engine is still busy).
    hover = types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=small_uri),
        position=types.Position(line=5, character=10),
    )
    await within(HOVER_WAIT_SECONDS + 1, client.text_document_hover_async(hover))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=long_uri))
    )
