"""The values that leave the engine: findings, their locations and the chain to the bad value.

They are small frozen dataclasses so that every face (CLI, server, fixes) can use them without
knowing how they were computed, and so that the server can cache them per document version.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional

#: Where each rule's page lives (``docs/rules/<CODE>.md`` in the repository).
DOCS_BASE_URL = "https://github.com/mp-lsp/mp-lsp/blob/main/docs/rules"


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


class LinkKind(str, enum.Enum):
    """What one step of a chain is: how the value after it is reached from the one before.

    The text a user reads is made from the kind and the step's ``name`` only at the edge
    (:attr:`ChainLink.label`, :func:`render_path`); fixes and the engine read the kind.
    """

    #: The sent argument as written at the sink (``jobs``).
    ARGUMENT = "argument"
    #: An attribute of an instance (``.conn``).
    ATTRIBUTE = "attribute"
    #: The element at a position of a tuple or list literal (``[0]``).
    INDEX = "index"
    #: The elements unpacked at a position of a literal (``[*1]``).
    UNPACKED = "unpacked"
    #: The value under a key of a dict literal (``["csv"]``).
    VALUE = "value"
    #: The values of a mapping unpacked into a dict literal (``**``).
    UNPACKED_MAPPING = "unpacked mapping"
    #: A key of a dict literal, as written (``key Job()``).
    KEY = "key"
    #: Any item of an iterable or comprehension (``[item]``).
    ITEM = "item"
    #: Any key of a dict comprehension or dict literal (``[key]``).
    ANY_KEY = "any key"
    #: The items of what a workspace function returns (``()``).
    CALL_RESULT = "call result"
    #: The items of an iterable passed through a builtin (``zip[0]``, ``enumerate()``).
    PASSED_THROUGH = "passed through"
    #: The instance a bound method carries (``bound to self``).
    BOUND_SELF = "bound self"
    #: What a library object keeps of its call (``partial func``, ``map iterable 0``).
    HELD = "held"
    #: A library base class of a workspace class (``Job(threading.Thread)``).
    LIBRARY_BASE = "library base"
    #: What a worker function returns (``return value``).
    RESULT = "result"
    #: An exception a worker raises (``raise RetryError``).
    RAISED = "raised"
    #: A decorator applied to the sent function (``@retry``).
    DECORATOR = "decorator"
    #: The definition that cannot be found by name (``lambda``, ``main.<locals>.work``).
    DEFINITION = "definition"
    #: A library type that refuses to be pickled (``sqlite3.Connection``, ``module os``).
    TYPE = "type"
    #: Module-level code (MP008).
    MODULE_LEVEL = "module level"
    #: A variable that a function sent by value takes along (``captures lock``): a closure
    #: cell, or a global of ``__main__`` with cloudpickle.
    CAPTURED = "captured"
    #: An entry of a manager class's registry (``registered 'get_jobs'``).
    REGISTERED = "registered"

    @property
    def is_accessor(self) -> bool:
        """Steps written onto the previous one (``jobs[0].conn``) rather than after an arrow."""
        return self in _ACCESSORS

    @property
    def is_key(self) -> bool:
        """Steps that reach a dict's keys rather than its values."""
        return self in (LinkKind.KEY, LinkKind.ANY_KEY)


#: How each kind of step reads, with the step's name for ``{}``.
_TEMPLATES: dict[LinkKind, str] = {
    LinkKind.ARGUMENT: "{}",
    LinkKind.ATTRIBUTE: ".{}",
    LinkKind.INDEX: "[{}]",
    LinkKind.UNPACKED: "[*{}]",
    LinkKind.VALUE: "[{}]",
    LinkKind.UNPACKED_MAPPING: "**",
    LinkKind.KEY: "key {}",
    LinkKind.ITEM: "[item]",
    LinkKind.ANY_KEY: "[key]",
    LinkKind.CALL_RESULT: "()",
    LinkKind.PASSED_THROUGH: "{}",
    LinkKind.BOUND_SELF: "bound to {}",
    LinkKind.REGISTERED: "registered {}",
    LinkKind.HELD: "{}",
    LinkKind.LIBRARY_BASE: "{}",
    LinkKind.RESULT: "return value",
    LinkKind.RAISED: "raise {}",
    LinkKind.DECORATOR: "@{}",
    LinkKind.DEFINITION: "{}",
    LinkKind.TYPE: "{}",
    LinkKind.MODULE_LEVEL: "module level",
    LinkKind.CAPTURED: "captures {}",
}
assert _TEMPLATES.keys() == set(LinkKind)
_ACCESSORS = frozenset({LinkKind.ATTRIBUTE, LinkKind.INDEX, LinkKind.UNPACKED, LinkKind.VALUE,
                        LinkKind.ITEM, LinkKind.ANY_KEY})


@dataclass(frozen=True)
class ChainLink:
    """One step on the way from the sent value to the part that cannot be pickled.

    ``kind`` says what the step is and ``name`` what it names (the attribute, the index, the
    type); ``location`` is where that step is defined, when known.
    """

    kind: LinkKind
    name: str = ""
    location: Optional[Location] = None

    @property
    def label(self) -> str:
        """What a user reads for this step (``job``, ``.conn``, ``[0]``, ``sqlite3.Connection``)."""
        return _TEMPLATES[self.kind].format(self.name)


def render_path(chain: tuple[ChainLink, ...]) -> str:
    """``jobs[0].conn`` for accessor steps, `` → `` before other steps."""
    text = ""
    for link in chain:
        if not text:
            text = link.label
        elif link.kind.is_accessor:
            text += link.label
        else:
            text += f" → {link.label}"
    return text


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
        """The documentation page of the finding's rule."""
        return rule_url(self.code)

    def hint(self, key: str) -> Optional[str]:
        """The value of one fix hint, or ``None``."""
        return dict(self.fix_hints).get(key)


def rule_url(code: str) -> str:
    """The documentation page of a rule."""
    return f"{DOCS_BASE_URL}/{code}.md"
