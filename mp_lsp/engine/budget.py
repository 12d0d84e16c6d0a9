"""How much work one analysis may do, counted in inference steps, never in time.

jedi has pathological inputs, so analysis is bounded; but a bound by the clock makes findings
depend on how loaded the machine is (a finding present on an idle machine went missing under
load). A step is one question to jedi, the unit that dominates the cost: the same input then
always gets the same findings, and when the bound is hit, the result says so.
"""

from __future__ import annotations


class Budget:
    """The inference steps one analysis may still take."""

    def __init__(self, steps: int) -> None:
        self.limit = steps
        self._left = steps

    def spend(self, steps: int = 1) -> None:
        self._left -= steps

    def expired(self) -> bool:
        return self._left <= 0

    @property
    def spent(self) -> int:
        """Steps taken so far (the shares of a file add theirs up: ``conclude_shares``)."""
        return self.limit - self._left
