"""Result objects the workers send back to the runner."""
import traceback
from dataclasses import dataclass
from typing import Optional


@dataclass
class CheckReport:
    name: str
    outcome: str
    error: Optional[traceback.TracebackException] = None

    @classmethod
    def failed(cls, name, exc):
        return cls(name, "failed", traceback.TracebackException.from_exception(exc))

    def longrepr(self):
        return "".join(self.error.format()) if self.error else ""
