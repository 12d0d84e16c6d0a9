"""Suppress a finding with ``# noqa: CODE`` on its line: the escape hatch for code the user
knows is fine (e.g. it only ever runs under ``fork``).

The comment goes on the finding's own line, which the engine checks (see
:func:`mp_lsp.engine.analyze._suppressed`). An existing ``# noqa: X`` list is extended rather
than a second comment added. Not offered where a comment would not be a comment: at the end of
a line inside a multi-line string, or after a backslash continuation.
"""

from __future__ import annotations

import io
import tokenize
from typing import Optional

from mp_lsp.engine.findings import Finding, Span
from mp_lsp.engine.noqa import directives, is_suppressed
from mp_lsp.fixes.source import Fix, SourceFile, TextEdit, insert


def add_noqa(file: SourceFile, finding: Finding) -> Optional[Fix]:
    line = finding.span.line
    if not 1 <= line <= len(file.lines) or not _ends_in_code(file, line):
        return None
    text = file.lines[line - 1]
    if is_suppressed(text, finding.code):
        return None
    title = f"Suppress {finding.code} with `# noqa`"
    for directive in directives(text):
        if directive.codes_end is not None:
            edit = insert(line, directive.codes_end, f", {finding.code}")
            return Fix(title, (edit,), preferred=False)
    code_end = len(text.rstrip())
    edit = TextEdit(Span(line, code_end, line, len(text)), f"  # noqa: {finding.code}")
    return Fix(title, (edit,), preferred=False)


def _ends_in_code(file: SourceFile, line: int) -> bool:
    """Whether a comment appended to ``line`` is a comment: the line's end is not inside a
    (multi-line) string and the line does not continue with a backslash."""
    if file.lines[line - 1].rstrip().endswith("\\"):
        return False
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(file.source).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    return not any(
        token.start[0] <= line < token.end[0]
        for token in tokens
        if token.type not in (tokenize.NL, tokenize.NEWLINE)
    )
