"""What a rule is: a stable code and everything said about its findings, in one object.

A rule module holds one :class:`Rule` (its code, its wording, the quick fixes that apply) and,
as its docstring, the rule's documentation page, from which ``docs/rules/<CODE>.md`` is
generated (:mod:`mp_lsp.engine.rules.docs`). Codes never change meaning once released, like
ruff's; a new kind of problem gets a new code and a new module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from mp_lsp.engine.findings import (
    ALL_START_METHODS,
    PICKLING_START_METHODS,
    ChainLink,
    Location,
    StartMethod,
    render_path,
    rule_url,
)

#: How a rule's start-method table names the methods a kind of sink fails under.
ALL = ALL_START_METHODS
PICKLING = PICKLING_START_METHODS
NONE: frozenset[StartMethod] = frozenset()

#: The sentence of a finding about a value sent to another process.
SENT_MESSAGE = "`{path}` is {what}, which `{sink}` cannot pickle: {why}"


@dataclass(frozen=True)
class Wording:
    """Templates filled with the facts the judge found (a function's name, a decorator, a
    library type): what the bad value is, why pickle cannot send it, what to do instead."""

    what: str
    why: str
    fix: str


@dataclass(frozen=True)
class Rule:
    """One kind of problem.

    ``wording`` (or one of its named ``variants``, for the shapes a rule covers that need other
    words) makes a :class:`Problem` (:meth:`problem`); ``message`` is the diagnostic's
    sentence, filled by :meth:`sentence`.
    """

    code: str
    name: str
    #: One line: what is sent (the rules index, SARIF's short description).
    summary: str
    #: Under which start methods it fails, per kind of sink (``""``: every sink).
    start_methods: tuple[tuple[str, frozenset[StartMethod]], ...]
    #: What the start-methods table needs said about it, if anything.
    start_methods_note: str = ""
    wording: Wording = Wording("", "", "")
    variants: tuple[tuple[str, Wording], ...] = ()
    message: str = SENT_MESSAGE
    #: The step of pickle's algorithm that fails, as a hover names it.
    step: str = ""
    #: The quick fixes that may remove a finding (names in ``mp_lsp.fixes``' registry), most
    #: preferred first; a suppression comment is offered for every rule.
    fixes: tuple[str, ...] = ()
    #: Which line a suppression comment goes on, as the docs page says it.
    noqa_line: str = "the line that sends the value"
    #: Links (title, address) its page adds to the references every page has.
    references: tuple[tuple[str, str], ...] = ()
    #: The docs page below its title: the rule module's docstring (``doc=__doc__``).
    doc: str = ""

    @property
    def url(self) -> str:
        return rule_url(self.code)

    @property
    def fails_under(self) -> str:
        """The start methods it fails under, in a few words: those of its first kind of sink,
        then the others by name (``all; `Process(args=...)`: spawn, forkserver``)."""
        (_, first), *others = self.start_methods
        return "; ".join([_methods(first), *(f"{sink}: {_methods(m)}" for sink, m in others)])

    def problem(
        self,
        chain: tuple[ChainLink, ...],
        culprit: Optional[Location],
        fails_under: frozenset[StartMethod],
        variant: Optional[str] = None,
        **facts: object,
    ) -> Problem:
        """A problem of this rule, its wording (or ``variant``'s) filled with ``facts``."""
        wording = dict(self.variants)[variant] if variant else self.wording
        return Problem(
            self, wording.what.format(**facts), wording.why.format(**facts),
            wording.fix.format(**facts), chain, culprit, fails_under,
        )

    def sentence(self, problem: Problem, sink: str) -> str:
        """The diagnostic's message for ``problem`` found at ``sink`` (e.g. ``Pool.map``)."""
        return self.message.format(
            path=render_path(problem.chain[:-1]), sent=render_path(problem.chain[:1]),
            what=problem.what, why=problem.reason, sink=sink,
        )


@dataclass(frozen=True)
class Problem:
    """Why a value cannot be pickled, and under which start methods that matters."""

    rule: Rule
    what: str  # "a lambda", "a sqlite3.Connection"
    reason: str  # why it cannot be pickled
    fix: str  # what to do instead
    chain: tuple[ChainLink, ...]
    culprit: Optional[Location]
    fails_under: frozenset[StartMethod]

    @property
    def code(self) -> str:
        return self.rule.code



def _methods(methods: frozenset[StartMethod]) -> str:
    if methods == ALL:
        return "all"
    if not methods:
        return "none"
    return ", ".join(m.value for m in StartMethod if m in methods)
