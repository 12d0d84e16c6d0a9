"""Let jedi read unsaved editor buffers of the *other* files of a workspace.

``jedi.Script`` takes the text of the file being analysed, but modules it imports are read from
the disk. In an editor, ``models.py`` may be open with unsaved changes (a class just gained a
lock), and ``main.py``'s diagnostics must follow them. jedi has no public hook for that, so
this module wraps the one function that turns a found module into a parsed one
(``jedi.inference.imports._load_python_module``) and hands it the buffer's text instead.

The text gets its own modification stamp, newer than anything parso cached for the path, so
that parso's cache re-parses a changed buffer and reuses an unchanged one; dropping a buffer
drops the path from parso's cache, so the disk is read again.
"""

from __future__ import annotations

import itertools
import os
import time
from typing import Any, Optional

import parso.cache
from jedi.file_io import KnownContentFileIO
from jedi.inference import imports

#: Absolute path → (text, stamp) of each buffer jedi should read instead of the disk.
_BUFFERS: dict[str, tuple[str, float]] = {}
#: Stamps only grow, even if the clock does not move between two edits.
_TICKS = itertools.count(1)


class _BufferIO(KnownContentFileIO):  # type: ignore[misc]
    """A file whose content and modification time come from an editor buffer."""

    def __init__(self, path: str, text: str, stamp: float) -> None:
        super().__init__(path, text)
        self._stamp = stamp

    def get_last_modified(self) -> float:
        return self._stamp


def set_buffer(path: str, text: Optional[str]) -> None:
    """Make jedi read ``text`` for ``path`` when another module imports it (``None``: the disk)."""
    key = os.path.abspath(path)
    if text is None:
        if _BUFFERS.pop(key, None) is not None:
            for cached in parso.cache.parser_cache.values():
                cached.pop(key, None)
        return
    known = _BUFFERS.get(key)
    if known is None or known[0] != text:
        _BUFFERS[key] = (text, time.time() + next(_TICKS))


_original_load = imports._load_python_module


def _load_python_module(inference_state: Any, file_io: Any, *args: Any, **kwargs: Any) -> Any:
    buffer = _BUFFERS.get(os.path.abspath(str(file_io.path))) if _BUFFERS else None
    if buffer is not None:
        file_io = _BufferIO(str(file_io.path), *buffer)
    return _original_load(inference_state, file_io, *args, **kwargs)


imports._load_python_module = _load_python_module
