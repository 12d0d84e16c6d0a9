"""What the engine concluded about one sink call, free of syntax trees.

A :class:`SinkReport` is what diagnostics and hovers are both made from, so they never
disagree. It holds positions, not ``ast`` nodes, so that it outlives the parse it came from:
after an edit that leaves the call and its dependencies unchanged, the report of the previous
version is reused, moved to the lines where the same statements now are (:meth:`moved`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterator, Optional

from mp_lsp.engine.checker import Verdict
from mp_lsp.engine.findings import ChainLink, Finding, Location, Span, StartMethod
from mp_lsp.engine.knowledge.serializers import Serializer
from mp_lsp.engine.knowledge.sinks import SinkSpec
from mp_lsp.engine.resolve import SinkSite
from mp_lsp.engine.rules.rule import Problem
from mp_lsp.engine.syntax import ModuleSyntax

#: Maps a line of the report's file to its line in the new version.
LineMove = Callable[[int], int]


@dataclass(frozen=True)
class ArgumentReport:
    """One pickled argument: what was written, and what became of it."""

    param: str
    text: str
    span: Span
    problem: Optional[Problem]
    #: Set when the problem bites under the start methods in play.
    finding: Optional[Finding]


@dataclass(frozen=True)
class SinkReport:
    """One call that sends values to another process, and the verdict on each argument."""

    path: str
    spec: SinkSpec
    start_method: Optional[StartMethod]
    span: Span  # the whole call
    arguments: tuple[ArgumentReport, ...]
    serializer: Serializer = Serializer.PICKLE
    #: The imported name the sink was recognised by, when jedi could not load its package.
    by_import_name: Optional[str] = None

    @classmethod
    def of(cls, module: ModuleSyntax, sink: SinkSite, verdicts: list[Verdict]) -> SinkReport:
        return cls(
            path=module.path,
            spec=sink.spec,
            start_method=sink.start_method,
            span=module.span(sink.candidate.node),
            arguments=tuple(
                ArgumentReport(
                    verdict.param,
                    module.segment(verdict.anchor) or verdict.param,
                    module.span(verdict.anchor),
                    verdict.problem,
                    verdict.finding,
                )
                for verdict in verdicts
            ),
            serializer=sink.serializer,
            by_import_name=sink.by_import_name,
        )

    @property
    def findings(self) -> list[Finding]:
        return [argument.finding for argument in self.arguments if argument.finding is not None]

    def lines(self) -> Iterator[int]:
        """Every line of the report's own file that it mentions."""
        for span in self._spans():
            yield span.line
            yield span.end_line

    def _spans(self) -> Iterator[Span]:
        yield self.span
        for argument in self.arguments:
            yield argument.span
            for item in (argument.problem, argument.finding):
                if item is None:
                    continue
                if isinstance(item, Finding):
                    yield item.span
                for location in (item.culprit, *(link.location for link in item.chain)):
                    if location is not None and location.path == self.path:
                        yield location.span

    def moved(self, move: LineMove) -> SinkReport:
        """The same report with its own file's lines moved (other files are left alone)."""
        return replace(
            self,
            span=_span(self.span, move),
            arguments=tuple(
                replace(
                    argument,
                    span=_span(argument.span, move),
                    problem=argument.problem and replace(
                        argument.problem,
                        chain=self._chain(argument.problem.chain, move),
                        culprit=self._location(argument.problem.culprit, move),
                    ),
                    finding=argument.finding and replace(
                        argument.finding,
                        span=_span(argument.finding.span, move),
                        chain=self._chain(argument.finding.chain, move),
                        culprit=self._location(argument.finding.culprit, move),
                    ),
                )
                for argument in self.arguments
            ),
        )

    def _location(self, location: Optional[Location], move: LineMove) -> Optional[Location]:
        if location is None or location.path != self.path:
            return location
        return Location(location.path, _span(location.span, move))

    def _chain(self, chain: tuple[ChainLink, ...], move: LineMove) -> tuple[ChainLink, ...]:
        return tuple(replace(link, location=self._location(link.location, move)) for link in chain)


def _span(span: Span, move: LineMove) -> Span:
    return Span(move(span.line), span.column, move(span.end_line), span.end_column)
