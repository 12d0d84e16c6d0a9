"""The ``__main__`` guard rules: MP004 (a definition under it) and MP008 (no guard at all).

Under spawn and forkserver a child imports the main script as ``__mp_main__``, so what the
guard holds does not exist there, and what it does not hold runs again in every child.
"""

from __future__ import annotations

import ast
from typing import Optional

from mp_lsp.engine.findings import Finding, Span
from mp_lsp.engine.syntax import is_main_guard
from mp_lsp.fixes.source import (
    DEFINITION_GAP,
    Fix,
    SourceFile,
    TextEdit,
    bound_names,
    insert,
    loaded_names,
)

_GUARD = 'if __name__ == "__main__":'
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_NOT_WRAPPED = (*_DEFINITIONS, ast.Import, ast.ImportFrom)


def move_above_main_guard(file: SourceFile, finding: Finding) -> Optional[Fix]:
    """MP004: dedent the definition out of the guard, to just above it.

    Not offered when the definition uses a name the guard binds (an import, a variable, another
    definition there): that name would not exist in the child either.
    """
    node = file.definition_at(finding.culprit)
    guard = file.syntax.parent(node) if node is not None else None
    if not (
        isinstance(node, _DEFINITIONS)
        and isinstance(guard, ast.If)
        and is_main_guard(guard)
        and guard in file.tree.body
        and node in guard.body
    ):
        return None
    table = file.scope_table(node)
    if table is None:
        return None
    evaluated_outside: list[ast.AST] = [*node.decorator_list]
    if isinstance(node, ast.ClassDef):
        evaluated_outside.extend([*node.bases, *node.keywords])
    else:
        evaluated_outside.extend([*node.args.defaults, *node.args.kw_defaults])
    used = file.global_reads(table) | loaded_names(n for n in evaluated_outside if n)
    if used & (file.guard_only_names - {node.name}):
        return None
    text = file.reindented(node, "")
    if text is None:
        return None
    return Fix(
        f"Move `{node.name}` above the `__main__` guard",
        (
            insert(file.first_line(guard), 0, text + file.newline * DEFINITION_GAP),
            file.removal(node),
        ),
    )


def wrap_in_main_guard(file: SourceFile, finding: Finding) -> Optional[Fix]:
    """MP008: indent the statement that starts processes, and the module-level code after it,
    under a new ``if __name__ == "__main__":``.

    Everything from the statement to the end of the module (or to an existing guard) is
    wrapped when none of it is a definition or an import; otherwise only the statement, and
    only if no later module-level code reads a name it binds.
    """
    line = finding.hint("statement_line")
    body = file.tree.body
    index = next(
        (i for i, s in enumerate(body) if line and line.isdigit() and s.lineno == int(line)),
        None,
    )
    if index is None:
        return None
    rest: list[ast.stmt] = []
    for statement in body[index:]:
        if is_main_guard(statement):
            break
        rest.append(statement)
    if any(isinstance(statement, _NOT_WRAPPED) for statement in rest):
        wrapped = rest[:1]
        later = [s for s in body[index + 1 :] if not isinstance(s, _DEFINITIONS)]
        if bound_names(wrapped[0]) & loaded_names(later):
            return None
    else:
        wrapped = rest
    first = file.first_line(wrapped[0])
    last = wrapped[-1].end_lineno or wrapped[-1].lineno
    if not all(file.owns_lines(s) for s in wrapped) or any(
        file.string_continuation_lines(s) for s in wrapped
    ):
        return None
    if isinstance(wrapped[0], _NOT_WRAPPED):
        return None
    indented = [
        file.indent_unit + text if text.strip() else ""
        for text in file.lines[first - 1 : last]
    ]
    new_text = file.newline.join([_GUARD, *indented])
    span = Span(first, 0, last, len(file.lines[last - 1]))
    return Fix(f"Wrap in `{_GUARD}`", (TextEdit(span, new_text),))
