"""Process-wide settings for the programs that run the engine (the CLI, the server).

The engine itself never changes its process: a library must not. The faces call these once at
start-up.
"""

from __future__ import annotations

import gc


def relax_garbage_collection() -> None:
    """Make CPython's cyclic garbage collector run far less often, as mypy does.

    Analysis builds large short-lived trees (an ``ast`` parse of a 10,000-line file is ~100,000
    objects) while jedi's caches make the heap big; with the default thresholds the collector
    rescans that heap again and again: a third of a CLI run over the standard library, and
    0.3 s of every 0.4 s parse in the server. A process-wide setting, so the CLI and the server
    call it, never the engine itself.
    """
    gc.set_threshold(200_000, 50, 100)
