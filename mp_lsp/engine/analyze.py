"""The pipeline for one file: scan → resolve → infer/judge → rules → filtered findings.

This is the engine's single entry point; the CLI and the language server call
:func:`analyze_source` and only adapt what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from mp_lsp.engine import scan
from mp_lsp.engine.checker import Checker
from mp_lsp.engine.findings import Finding
from mp_lsp.engine.infer import Deadline, Inferencer, Project
from mp_lsp.engine.main_guard import missing_guard_findings
from mp_lsp.engine.noqa import is_suppressed
from mp_lsp.engine.resolve import Resolver, SinkSite
from mp_lsp.engine.syntax import ModuleSyntax
from mp_lsp.settings import Settings

__all__ = ["AnalysisResult", "Project", "analyze_source"]

#: Wall-time budget for one file. jedi has pathological inputs; past this, what was found so
#: far is returned with a note, never a hang.
DEFAULT_BUDGET_SECONDS = 20.0


@dataclass(frozen=True)
class AnalysisResult:
    findings: tuple[Finding, ...]
    #: Why the file could not be (fully) analysed; findings may still be partial.
    error: Optional[str] = None


def parse(path: str, source: str) -> tuple[Optional[ModuleSyntax], Optional[str]]:
    """The parsed module, or the reason it does not parse."""
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
) -> AnalysisResult:
    """Every finding in one file's text (which may differ from the disk: an editor buffer)."""
    module, error = parse(path, source)
    if module is None:
        return AnalysisResult((), error)
    context = scan.process_context(module, str(project.root), project.process_text)
    if context is None:
        return AnalysisResult(())
    candidates = scan.candidates(module, context)
    if not candidates and module.has_main_guard:
        return AnalysisResult(())
    deadline = Deadline(budget_seconds)
    project.pin(module)
    try:
        return _analyze(project, module, candidates, settings, deadline)
    finally:
        project.pin(None)


def _analyze(
    project: Project,
    module: ModuleSyntax,
    candidates: list[scan.Candidate],
    settings: Settings,
    deadline: Deadline,
) -> AnalysisResult:
    inferencer = Inferencer(project, deadline)
    resolver = Resolver(module, inferencer)
    checker = Checker(module, inferencer, settings.start_method)
    findings: list[Finding] = []
    sinks: list[SinkSite] = []
    errors: list[str] = []
    for candidate in candidates:
        if deadline.expired():
            errors.append("analysis stopped at its time budget; results are partial")
            break
        try:
            sink = resolver.resolve(candidate)
            if sink is None:
                continue
            sinks.append(sink)
            for finding in checker.check(sink):
                if not _suppressed(module, finding, candidate.node.lineno):
                    findings.append(finding)
        except RecursionError:
            errors.append(f"line {candidate.node.lineno}: expression too deeply nested")
    for finding in missing_guard_findings(module, sinks, settings.start_method, inferencer):
        if not _suppressed(module, finding, finding.span.line):
            findings.append(finding)
    kept = sorted(
        {f for f in findings if settings.is_enabled(f.code)},
        key=lambda f: (f.span.line, f.span.column, f.code),
    )
    return AnalysisResult(tuple(kept), "; ".join(errors) or None)


def _suppressed(module: ModuleSyntax, finding: Finding, sink_line: int) -> bool:
    lines = {finding.span.line, sink_line}
    return any(is_suppressed(module.line_text(line), finding.code) for line in lines)
