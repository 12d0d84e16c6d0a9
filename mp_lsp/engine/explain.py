"""Hover text: how the values of one sink call cross the process boundary, and whether they do.

Uses the same pipeline as :mod:`mp_lsp.engine.analyze` for the one call under the cursor, so a
hover never disagrees with a diagnostic.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from mp_lsp.engine import scan
from mp_lsp.engine.analyze import parse
from mp_lsp.engine.checker import Checker, Verdict, render_path
from mp_lsp.engine.findings import Span
from mp_lsp.engine.infer import Deadline, Inferencer, Project
from mp_lsp.engine.resolve import Resolver, SinkSite
from mp_lsp.engine.rules import rule_url
from mp_lsp.engine.syntax import ModuleSyntax, shorten
from mp_lsp.settings import Settings

HOVER_BUDGET_SECONDS = 2.0


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
    budget_seconds: float = HOVER_BUDGET_SECONDS,
) -> Optional[Explanation]:
    """The explanation for the sink call at a position (1-based line, code-point column)."""
    module, _ = parse(path, source)
    if module is None:
        return None
    context = scan.process_context(module, str(project.root), project.process_text)
    if context is None:
        return None
    calls = [c for c in scan.candidates(module, context) if _contains(module, c.node, line, column)]
    if not calls:
        return None
    inferencer = Inferencer(project, Deadline(budget_seconds))
    project.pin(module)
    try:
        resolver = Resolver(module, inferencer)
        # The innermost call first: ``pool.map(f, q.get())`` hovers the call the cursor is in.
        for candidate in sorted(calls, key=lambda c: _size(module, c.node)):
            sink = resolver.resolve(candidate)
            if sink is not None:
                checker = Checker(module, inferencer, settings.start_method)
                explanation = _render(module, sink, checker.verdicts(sink), line, column)
                if inferencer.deadline.expired():
                    explanation = Explanation(
                        explanation.markdown + "\n\n_(analysis stopped at its time budget: "
                        "this answer may be incomplete)_", explanation.span)
                return explanation
    finally:
        project.pin(None)
    return None


def _render(
    module: ModuleSyntax, sink: SinkSite, verdicts: list[Verdict], line: int, column: int
) -> Explanation:
    spec = sink.spec
    names = {v.param: ast.get_source_segment(module.source, v.anchor) or v.param
             for v in verdicts}
    summary = spec.summary.format(func=names.get("func", names.get("fn", "func")),
                                  iterable=names.get("iterable", "iterable"))
    lines = [f"**`{spec.api}`** {summary}."]
    if sink.start_method is not None:
        lines.append(f"This call uses the `{sink.start_method.value}` start method.")
    hovered = next((v for v in verdicts if _contains(module, v.anchor, line, column)), None)
    shown = [hovered] if hovered else verdicts
    for verdict in shown:
        text = ast.get_source_segment(module.source, verdict.anchor) or verdict.param
        lines.append("")
        lines.append(_verdict_line(text, verdict))
    target = hovered.anchor if hovered else sink.candidate.node
    return Explanation("\n".join(lines), module.span(target))


def _verdict_line(text: str, verdict: Verdict) -> str:
    label = f"`{shorten(text)}` ({verdict.param})"
    problem = verdict.problem
    if problem is None:
        return f"- {label}: ✓ no problem found: it can be pickled, as far as static analysis sees"
    path = render_path(problem.chain[:-1]) or text
    where = " → ".join(link.label for link in problem.chain)
    if verdict.finding is None:
        return (f"- {label}: ✓ fine under the start methods in play; `{path}` is {problem.what}, "
                f"which fails elsewhere ({problem.reason})")
    methods = ", ".join(sorted(m.value for m in verdict.finding.start_methods))
    return (
        f"- {label}: ✗ `{where}`: {problem.reason} (fails under {methods}).\n"
        f"  **Fix:** {problem.fix}. [{problem.code}]({rule_url(problem.code)})"
    )


def _contains(module: ModuleSyntax, node: ast.AST, line: int, column: int) -> bool:
    span = module.span(node)
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


def _size(module: ModuleSyntax, node: ast.AST) -> tuple[int, int]:
    span = module.span(node)
    return span.end_line - span.line, span.end_column - span.column
