"""Hover text: how the values of one sink call cross the process boundary, and whether they do.

Uses the same pipeline as :mod:`mp_lsp.engine.analyze` for the one call under the cursor, so a
hover never disagrees with a diagnostic.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from mp_lsp.engine.analyze import candidate_calls, parse
from mp_lsp.engine.budget import Budget
from mp_lsp.engine.findings import Span, render_path
from mp_lsp.engine.incremental import AnalysisMemo
from mp_lsp.engine.knowledge.serializers import Serializer
from mp_lsp.engine.knowledge.sinks import SERIALIZER_NOTES
from mp_lsp.engine.options import Settings
from mp_lsp.engine.pipeline import SinkAnalyzer
from mp_lsp.engine.project import Project
from mp_lsp.engine.reports import ArgumentReport, SinkReport
from mp_lsp.engine.syntax import ModuleSyntax, shorten

HOVER_BUDGET_STEPS = 2_000


@dataclass(frozen=True)
class Explanation:
    markdown: str
    span: Span  # the argument under the cursor, or the whole call


def explain_at(
    project: Project,
    path: str,
    source: str,
    settings: Settings,
    line: int,
    column: int,
    budget_steps: int = HOVER_BUDGET_STEPS,
    memo: Optional[AnalysisMemo] = None,
) -> Optional[Explanation]:
    """The explanation for the sink call at a position (1-based line, code-point column).

    With the document's ``memo``, a call that the last analysis already judged costs no
    inference at all.
    """
    module, _ = parse(path, source, memo)
    if module is None:
        return None
    calls = [c for c in candidate_calls(project, module) or ()
             if _contains(module, c.node, line, column)]
    if not calls:
        return None
    budget = Budget(budget_steps)
    with SinkAnalyzer(project, module, settings, budget, memo) as analyzer:
        # The innermost call first: ``pool.map(f, q.get())`` hovers the call the cursor is in.
        for candidate in sorted(calls, key=lambda c: _size(module, c.node)):
            report = analyzer.report(candidate)
            if report is not None:
                explanation = _render(report, line, column)
                if budget.expired():
                    explanation = Explanation(
                        explanation.markdown + "\n\n_(analysis stopped at its bound of inference "
                        "steps: this answer may be incomplete)_", explanation.span)
                return explanation
    return None


def _render(report: SinkReport, line: int, column: int) -> Explanation:
    spec = report.spec
    names = {argument.param: argument.text for argument in report.arguments}
    summary = spec.summary.format(func=names.get("func", names.get("fn", "func")),
                                  iterable=names.get("iterable", "iterable"))
    lines = [f"**`{spec.api}`** {summary}."]
    if report.serializer is not Serializer.PICKLE or spec.framework != "multiprocessing":
        lines.append(SERIALIZER_NOTES[report.serializer])
    if report.start_method is not None:
        lines.append(f"This call uses the `{report.start_method.value}` start method.")
    if report.by_import_name is not None:
        package = report.by_import_name.split(".")[0]
        lines.append(f"_Recognised by its import name alone (`{report.by_import_name}`): "
                     f"`{package}` could not be loaded by the analysis._")
    hovered = next((a for a in report.arguments if _within(a.span, line, column)), None)
    for argument in [hovered] if hovered else report.arguments:
        lines.append("")
        lines.append(_verdict_line(argument))
    return Explanation("\n".join(lines), hovered.span if hovered else report.span)


def _verdict_line(argument: ArgumentReport) -> str:
    text = argument.text
    label = f"`{shorten(text)}` ({argument.param})"
    problem = argument.problem
    if problem is None:
        return f"- {label}: ✓ no problem found: it can be pickled, as far as static analysis sees"
    path = render_path(problem.chain[:-1]) or text
    where = " → ".join(link.label for link in problem.chain)
    if argument.finding is None:
        return (f"- {label}: ✓ fine under the start methods in play; `{path}` is {problem.what}, "
                f"which fails elsewhere ({problem.reason})")
    methods = ", ".join(sorted(m.value for m in argument.finding.start_methods))
    step = f"\n  **Fails at:** {problem.rule.step}." if problem.rule.step else ""
    return (
        f"- {label}: ✗ `{where}`: {problem.reason} (fails under {methods}).{step}\n"
        f"  **Fix:** {problem.fix}. [{problem.code}]({problem.rule.url})"
    )


def _contains(module: ModuleSyntax, node: ast.AST, line: int, column: int) -> bool:
    return _within(module.span(node), line, column)


def _within(span: Span, line: int, column: int) -> bool:
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


def _size(module: ModuleSyntax, node: ast.AST) -> tuple[int, int]:
    span = module.span(node)
    return span.end_line - span.line, span.end_column - span.column
