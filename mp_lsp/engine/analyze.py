"""The analysis of one file: scan → for each candidate call, the pipeline (resolve →
infer/judge → rules, :mod:`mp_lsp.engine.pipeline`) → module rules (MP008) → filtered findings.

This is the engine's single entry point; the CLI and the language server call
:func:`analyze_source` and only adapt what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Optional

from mp_lsp.engine import scan
from mp_lsp.engine.budget import Budget
from mp_lsp.engine.findings import Finding, StartMethod
from mp_lsp.engine.incremental import AnalysisMemo
from mp_lsp.engine.knowledge.sinks import SinkSpec
from mp_lsp.engine.main_guard import missing_guard_findings
from mp_lsp.engine.noqa import is_suppressed
from mp_lsp.engine.options import Settings
from mp_lsp.engine.pipeline import SinkAnalyzer
from mp_lsp.engine.project import Project
from mp_lsp.engine.resolve import SinkSite
from mp_lsp.engine.syntax import ModuleSyntax

__all__ = [
    "AnalysisMemo", "AnalysisResult", "Project", "SinkPart", "analyze_nearest_first",
    "analyze_share", "analyze_source", "conclude_shares",
]

#: Inference steps (questions to jedi) one file may take. The largest file of the standard
#: library (``test/_test_multiprocessing.py``, 580 sink calls) takes about 1,200; past the
#: bound, what was found so far is returned with a note, never a hang.
DEFAULT_BUDGET_STEPS = 20_000


@dataclass(frozen=True)
class AnalysisResult:
    findings: tuple[Finding, ...]
    #: Why the file could not be (fully) analysed; findings may still be partial.
    error: Optional[str] = None

    @property
    def bounded(self) -> bool:
        """Whether the analysis stopped at its bound of inference steps (results partial)."""
        return self.error is not None and BUDGET_NOTE in self.error


def parse(
    path: str, source: str, memo: Optional[AnalysisMemo] = None
) -> tuple[Optional[ModuleSyntax], Optional[str]]:
    """The parsed module, or the reason nothing of it can be read.

    Half-typed code is not such a reason: the statements a syntax error breaks are left out
    of the tree (:attr:`ModuleSyntax.skipped`) and the rest is analysed. The syntax error
    itself is the business of the other tools in the editor, so it is not reported.
    """
    known = memo.parsed(source) if memo is not None else None
    if known is not None and known.path == path:
        return known, None
    try:
        module = ModuleSyntax(path, source)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return None, f"cannot parse: {type(exc).__name__}: {exc}"
    if module.unreadable:
        return None, module.syntax_errors[0]
    return module, None


def analyze_source(
    project: Project,
    path: str,
    source: str,
    settings: Settings,
    budget_steps: int = DEFAULT_BUDGET_STEPS,
    memo: Optional[AnalysisMemo] = None,
) -> AnalysisResult:
    """Every finding in one file's text (which may differ from the disk: an editor buffer).

    ``memo`` carries the results of this document's earlier versions: the calls an edit cannot
    have changed are not analysed again (see :mod:`mp_lsp.engine.incremental`).
    """
    module, candidates, done = _prepared(project, path, source, memo)
    if done is not None:
        return done
    assert module is not None
    budget = Budget(budget_steps)
    with SinkAnalyzer(project, module, settings, budget, memo) as analyzer:
        part = _analyze_part(analyzer, candidates, range(len(candidates)))
        if memo is not None and not budget.expired():
            memo.finish()
        return _conclude(analyzer, candidates, [part], settings)


def _prepared(
    project: Project, path: str, source: str, memo: Optional[AnalysisMemo]
) -> tuple[Optional[ModuleSyntax], list[scan.Candidate], Optional[AnalysisResult]]:
    """The parsed module and the calls worth resolving, or the whole result when there is
    nothing to analyse (nothing readable, or no way to reach a process API)."""
    module, error = parse(path, source, memo)
    if module is None:
        return None, [], AnalysisResult((), error)
    candidates = candidate_calls(project, module)
    if candidates is None or (not candidates and module.has_main_guard):
        return None, [], AnalysisResult(())
    return module, candidates, None


def candidate_calls(project: Project, module: ModuleSyntax) -> Optional[list[scan.Candidate]]:
    """The calls worth resolving; ``None`` when the module cannot reach a process API."""
    context = scan.process_context(module, str(project.root), project.process_witnesses)
    return None if context is None else scan.candidates(module, context)


#: What a share of a file's candidates found: per sink, its candidate's index, spec and fixed
#: start method (what MP008 needs from every share), and its findings.
SinkEntry = tuple[int, SinkSpec, Optional[StartMethod]]
BUDGET_NOTE = "analysis stopped at its bound of inference steps; results are partial"


@dataclass(frozen=True)
class SinkPart:
    """What the analysis of some of a file's candidate calls found (:func:`analyze_share`):
    plain data, so that it crosses back from a worker process."""

    sinks: tuple[SinkEntry, ...] = ()
    #: Findings of those calls, suppressions applied (the settings' selection is applied when
    #: the parts are concluded).
    findings: tuple[Finding, ...] = ()
    errors: tuple[str, ...] = ()
    #: The inference steps it took: the shares of a file together get one file's budget.
    steps: int = 0


def _analyze_part(
    analyzer: SinkAnalyzer, candidates: list[scan.Candidate], indices: Iterable[int]
) -> SinkPart:
    """Resolve and check the candidates at ``indices``, in that order, within the budget."""
    module = analyzer.module
    budget = analyzer.inferencer.budget
    findings: list[Finding] = []
    sinks: list[SinkEntry] = []
    errors: list[str] = []
    for index in indices:
        candidate = candidates[index]
        if budget.expired():
            break
        try:
            report = analyzer.report(candidate)
        except RecursionError:
            errors.append(f"line {candidate.node.lineno}: expression too deeply nested")
            continue
        if report is None:
            continue
        sinks.append((index, report.spec, report.start_method))
        for finding in report.findings:
            if not _suppressed(module, finding, candidate.node.lineno):
                findings.append(finding)
    if budget.expired():
        # Also when the last call ran it out: a result cut short is always said to be.
        errors.append(BUDGET_NOTE)
    return SinkPart(tuple(sinks), tuple(findings), tuple(errors), budget.spent)


def _conclude(
    analyzer: SinkAnalyzer,
    candidates: list[scan.Candidate],
    parts: Iterable[SinkPart],
    settings: Settings,
) -> AnalysisResult:
    """The module rule (MP008) over every sink of the parts, then the settings' selection."""
    module = analyzer.module
    parts = list(parts)
    findings = [finding for part in parts for finding in part.findings]
    errors = list(dict.fromkeys(error for part in parts for error in part.errors))
    sinks = [
        SinkSite(spec, candidates[index], start_method)
        for part in parts for index, spec, start_method in part.sinks
    ]
    guard = missing_guard_findings(
        module, sinks, settings.start_method, analyzer.inferencer, analyzer.units,
        analyzer.target,
    )
    for finding in guard:
        if not _suppressed(module, finding, finding.span.line) and not _half_typed(
            module, finding
        ):
            findings.append(finding)
    if analyzer.inferencer.budget.expired() and BUDGET_NOTE not in errors:
        errors.append(BUDGET_NOTE)
    return AnalysisResult(_selected(findings, settings), "; ".join(errors) or None)


def _selected(findings: Iterable[Finding], settings: Settings) -> tuple[Finding, ...]:
    """The enabled findings at their configured severity, once each, in file order."""
    return tuple(sorted(
        {
            replace(f, severity=settings.severity_of(f.code, f.severity))
            for f in findings
            if settings.is_enabled(f.code)
        },
        key=lambda f: (f.span.line, f.span.column, f.code),
    ))


def analyze_share(
    project: Project,
    path: str,
    source: str,
    settings: Settings,
    share: tuple[int, int],
    budget_steps: int = DEFAULT_BUDGET_STEPS,
) -> SinkPart:
    """Share ``(index, count)`` of a file's candidate calls: every ``count``-th one from
    ``index`` on. A file with hundreds of sinks is split so that several processes analyse it
    at once; :func:`conclude_shares` joins the parts into what :func:`analyze_source` returns.
    """
    module, _ = parse(path, source)
    if module is None:
        return SinkPart()
    candidates = candidate_calls(project, module)
    if not candidates:
        return SinkPart()
    index, count = share
    with SinkAnalyzer(project, module, settings, Budget(budget_steps)) as analyzer:
        return _analyze_part(analyzer, candidates, range(index, len(candidates), count))


def conclude_shares(
    project: Project,
    path: str,
    source: str,
    settings: Settings,
    parts: Iterable[SinkPart],
    budget_steps: int = DEFAULT_BUDGET_STEPS,
) -> AnalysisResult:
    """The result of a file analysed in shares (:func:`analyze_share`): the same as
    :func:`analyze_source`'s when the parts cover every share. The module rule gets what the
    shares left of the file's budget; shares that took it all are a result cut short (each
    share had the whole budget, so their findings may be more than one analysis finds)."""
    module, error = parse(path, source)
    if module is None:
        return AnalysisResult((), error)
    candidates = candidate_calls(project, module)
    if candidates is None or (not candidates and module.has_main_guard):
        return AnalysisResult(())
    parts = list(parts)
    left = budget_steps - sum(part.steps for part in parts)
    with SinkAnalyzer(project, module, settings, Budget(max(left, 0))) as analyzer:
        return _conclude(analyzer, candidates, parts, settings)


#: Calls analysed before the first publish when the focus holds fewer.
FIRST_CALLS = 3


def analyze_nearest_first(
    project: Project,
    path: str,
    source: str,
    settings: Settings,
    focus: tuple[int, int],
    publish: Callable[[AnalysisResult], object],
    budget_steps: int = DEFAULT_BUDGET_STEPS,
    memo: Optional[AnalysisMemo] = None,
) -> AnalysisResult:
    """:func:`analyze_source` for an editor opening a large file: the calls nearest the lines
    ``focus`` (first, last: what the editor shows) first, their findings handed to
    ``publish`` at once, then every call, as :func:`analyze_source` does, for the result.

    The early result covers the calls in ``focus``, or at least :data:`FIRST_CALLS` of the
    nearest ones, and is complete for them (every finding of those calls); the module rule
    (MP008), which needs every sink, comes with the returned, final result. The early calls
    are analysed without ``memo``, which first walks the whole module: they are asked again
    with it, from jedi's then warm caches.
    """
    module, candidates, done = _prepared(project, path, source, memo)
    if done is not None:
        return done
    assert module is not None
    first, last = focus

    def distance(index: int) -> int:
        line = candidates[index].node.lineno
        return max(first - line, line - last, 0)

    order = sorted(range(len(candidates)), key=distance)
    early = sum(1 for index in order if distance(index) == 0)
    if early < FIRST_CALLS and len(order) > FIRST_CALLS:
        reach = distance(order[FIRST_CALLS - 1])
        early = sum(1 for index in order if distance(index) <= reach)
    if 0 < early < len(order):
        with SinkAnalyzer(project, module, settings, Budget(budget_steps)) as analyzer:
            part = _analyze_part(analyzer, candidates, order[:early])
        publish(AnalysisResult(_selected(part.findings, settings), "; ".join(part.errors) or None))
    budget = Budget(budget_steps)
    with SinkAnalyzer(project, module, settings, budget, memo) as analyzer:
        part = _analyze_part(analyzer, candidates, order)
        if memo is not None and not budget.expired():
            memo.finish()
        return _conclude(analyzer, candidates, [part], settings)


def _half_typed(module: ModuleSyntax, finding: Finding) -> bool:
    """Whether a module-level finding (MP008) reads a structure a syntax error may have made:
    its statement borders on code left out of the tree (a stand-in header makes a block run
    unconditionally), or a main guard is being typed (the code it guards is at module level
    until it parses)."""
    if not module.skipped:
        return False
    span = finding.culprit.span if finding.culprit is not None else finding.span
    if module.touches_skipped(span.line, span.end_line):
        return True
    return any(
        "__name__" in module.line_text(line)
        for first, last in module.skipped
        for line in range(first, min(last, first + 50) + 1)
    )


def _suppressed(module: ModuleSyntax, finding: Finding, sink_line: int) -> bool:
    lines = {finding.span.line, sink_line}
    return any(is_suppressed(module.line_text(line), finding.code) for line in lines)
