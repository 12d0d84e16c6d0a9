"""Notice that the editor is gone, so that no orphaned server keeps a core busy.

A client that crashes (or is killed) may leave the server's stdin open, for instance when a
grandchild process inherited it; the LSP answer is the ``processId`` of ``initialize``, which
the server polls. ``os.kill(pid, 0)`` checks existence without sending anything on POSIX, but on
Windows it would *terminate* the process, so Windows asks the process handle instead.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Callable

#: Seconds between two checks; a dead editor is noticed within this time.
POLL_SECONDS = 3.0


def _alive_windows(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes

    synchronize, query_limited, wait_timeout = 0x00100000, 0x1000, 0x102
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize | query_limited, False, pid)
    if not handle:
        access_denied = 5
        return bool(kernel32.GetLastError() == access_denied)
    try:
        return bool(kernel32.WaitForSingleObject(handle, 0) == wait_timeout)
    finally:
        kernel32.CloseHandle(handle)


def _is_zombie(pid: int) -> bool:
    """Whether a Linux process has exited and only waits to be reaped by its parent."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return False
    # The state follows the parenthesised command name, which may itself contain ") ".
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"Z"


def process_alive(pid: int) -> bool:
    """Whether the process ``pid`` still runs."""
    if pid <= 0:
        return True  # not a real process id: nothing can be concluded
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # EPERM: it exists but belongs to someone else
    return not _is_zombie(pid)


async def watch_processes(pids: list[int], on_gone: Callable[[int], None]) -> None:
    """Call ``on_gone`` with the first of ``pids`` found dead (then stop watching)."""
    while True:
        await asyncio.sleep(POLL_SECONDS)
        for pid in pids:
            if not process_alive(pid):
                on_gone(pid)
                return
