"""The analysis of one file: scan → for each candidate call, the pipeline (resolve →
infer/judge → rules, :mod:`mp_lsp.engine.pipeline`) → module rules (MP008) → filtered findings.

This is the engine's single entry point; the CLI and the language server call
:func:`analyze_source` and only adapt what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from mp_lsp.engine import scan
from mp_lsp.engine.budget import Deadline
from mp_lsp.engine.findings import Finding
from mp_lsp.engine.incremental import AnalysisMemo
from mp_lsp.engine.main_guard import missing_guard_findings
from mp_lsp.engine.noqa import is_suppressed
from mp_lsp.engine.options import Settings
from mp_lsp.engine.pipeline import SinkAnalyzer
from mp_lsp.engine.project import Project
from mp_lsp.engine.resolve import SinkSite
from mp_lsp.engine.syntax import ModuleSyntax

__all__ = ["AnalysisMemo", "AnalysisResult", "Project", "analyze_source"]

#: Wall-time budget for one file. jedi has pathological inputs; past this, what was found so
#: far is returned with a note, never a hang.
DEFAULT_BUDGET_SECONDS = 20.0


@dataclass(frozen=True)
class AnalysisResult:
    findings: tuple[Finding, ...]
    #: Why the file could not be (fully) analysed; findings may still be partial.
    error: Optional[str] = None


def parse(
    path: str, source: str, memo: Optional[AnalysisMemo] = None
) -> tuple[Optional[ModuleSyntax], Optional[str]]:
    """The parsed module, or the reason it does not parse."""
    known = memo.parsed(source) if memo is not None else None
    if known is not None and known.path == path:
        return known, None
    try:
        return ModuleSyntax(path, source), None
    except SyntaxError as exc:
        return None, f"SyntaxError: {exc.msg} (line {exc.lineno})"
    except (ValueError, RecursionError, MemoryError) as exc:
        return None, f"cannot parse: {type(exc).__name__}: {exc}"


def analyze_source(
    project: Project,
    path: str,
    source: str,
    settings: Settings,
    budget_seconds: float = DEFAULT_BUDGET_SECONDS,
    memo: Optional[AnalysisMemo] = None,
) -> AnalysisResult:
    """Every finding in one file's text (which may differ from the disk: an editor buffer).

    ``memo`` carries the results of this document's earlier versions: the calls an edit cannot
    have changed are not analysed again (see :mod:`mp_lsp.engine.incremental`).
    """
    module, error = parse(path, source, memo)
    if module is None:
        return AnalysisResult((), error)
    candidates = candidate_calls(project, module)
    if candidates is None or (not candidates and module.has_main_guard):
        return AnalysisResult(())
    deadline = Deadline(budget_seconds)
    with SinkAnalyzer(project, module, settings, deadline, memo) as analyzer:
        return _analyze(analyzer, candidates, settings, memo)


def candidate_calls(project: Project, module: ModuleSyntax) -> Optional[list[scan.Candidate]]:
    """The calls worth resolving; ``None`` when the module cannot reach a process API."""
    context = scan.process_context(module, str(project.root), project.process_text)
    return None if context is None else scan.candidates(module, context)


def _analyze(
    analyzer: SinkAnalyzer,
    candidates: list[scan.Candidate],
    settings: Settings,
    memo: Optional[AnalysisMemo],
) -> AnalysisResult:
    module = analyzer.module
    deadline = analyzer.inferencer.deadline
    findings: list[Finding] = []
    sinks: list[SinkSite] = []
    errors: list[str] = []
    for candidate in candidates:
        if deadline.expired():
            errors.append("analysis stopped at its time budget; results are partial")
            break
        try:
            report = analyzer.report(candidate)
        except RecursionError:
            errors.append(f"line {candidate.node.lineno}: expression too deeply nested")
            continue
        if report is None:
            continue
        sinks.append(SinkSite(report.spec, candidate, report.start_method))
        for finding in report.findings:
            if not _suppressed(module, finding, candidate.node.lineno):
                findings.append(finding)
    if memo is not None and not deadline.expired():
        memo.finish()
    guard = missing_guard_findings(module, sinks, settings.start_method, analyzer.inferencer)
    for finding in guard:
        if not _suppressed(module, finding, finding.span.line):
            findings.append(finding)
    kept = sorted(
        {
            replace(f, severity=settings.severity_of(f.code, f.severity))
            for f in findings
            if settings.is_enabled(f.code)
        },
        key=lambda f: (f.span.line, f.span.column, f.code),
    )
    return AnalysisResult(tuple(kept), "; ".join(errors) or None)


def _suppressed(module: ModuleSyntax, finding: Finding, sink_line: int) -> bool:
    lines = {finding.span.line, sink_line}
    return any(is_suppressed(module.line_text(line), finding.code) for line in lines)
