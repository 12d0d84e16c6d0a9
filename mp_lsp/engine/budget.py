"""How much work one analysis may do: bounded, so a pathological input cannot hang an editor."""

from __future__ import annotations

import time


class Deadline:
    """A budget of wall time for one file: jedi has pathological cases, so analysis is bounded."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def expired(self) -> bool:
        return time.monotonic() > self._end
