"""The values that leave the engine: findings, their locations and the chain to the bad value.

They are small frozen dataclasses so that every face (CLI, server, fixes) can use them without
knowing how they were computed, and so that the server can cache them per document version.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional


class StartMethod(str, enum.Enum):
    """The ways ``multiprocessing`` starts a child process."""

    SPAWN = "spawn"
    FORK = "fork"
    FORKSERVER = "forkserver"


ALL_START_METHODS: frozenset[StartMethod] = frozenset(StartMethod)
#: Start methods under which a child re-imports the main module and receives a pickled target.
PICKLING_START_METHODS: frozenset[StartMethod] = frozenset(
    {StartMethod.SPAWN, StartMethod.FORKSERVER}
)


class Severity(str, enum.Enum):
    """Error: fails under every start method. Warning: fails only under some of them.

    Information and hint are never the engine's own choice: a user lowers a rule to them with
    the ``severity`` setting.
    """

    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"
    HINT = "hint"


@dataclass(frozen=True)
class Span:
    """A range in a file: 1-based lines, 0-based columns counted in code points (not bytes)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Location:
    """A span in a named file (the culprit may live in another file than the sink)."""

    path: str
    span: Span


@dataclass(frozen=True)
class ChainLink:
    """One step on the way from the sent value to the part that cannot be pickled.

    ``label`` is what a user reads (``job``, ``.conn``, ``[0]``, ``sqlite3.Connection``);
    ``location`` is where that step is defined, when known.
    """

    label: str
    location: Optional[Location] = None


@dataclass(frozen=True)
class Finding:
    """One value that cannot cross the process boundary, at one sink argument."""

    code: str
    message: str
    path: str
    span: Span
    severity: Severity
    start_methods: frozenset[StartMethod]
    chain: tuple[ChainLink, ...] = ()
    #: Where the bad value is defined (the lambda, the ``def``, the ``self.conn = ...`` line).
    culprit: Optional[Location] = None
    #: The sink that sends the value, e.g. ``Pool.map``; empty for module-level rules.
    sink: str = ""
    #: Extra facts a quick fix needs (kept as plain strings so findings stay hashable).
    fix_hints: tuple[tuple[str, str], ...] = field(default=())

    @property
    def url(self) -> str:
        from mp_lsp.engine.rules import rule_url

        return rule_url(self.code)

    def hint(self, key: str) -> Optional[str]:
        """The value of one fix hint, or ``None``."""
        return dict(self.fix_hints).get(key)
