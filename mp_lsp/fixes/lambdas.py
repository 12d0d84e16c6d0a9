"""MP001: turn the lambda into a module-level function, which pickle finds by name.

The ``def`` goes just above the top-level statement that contains the lambda. What the lambda
closes over becomes its leading parameters, bound where the lambda was with
``functools.partial`` — a partial of a module-level function pickles, a closure does not.

    def main():                        def _square(n, x):
        n = 2                              return x * n
        square = lambda x: x * n  →
        pool.map(square, xs)           def main():
                                           n = 2
                                           square = functools.partial(_square, n)
                                           pool.map(square, xs)

A module-level ``square = lambda ...`` becomes ``def square(...)`` in place.
"""

from __future__ import annotations

import ast
from typing import Optional

from mp_lsp.engine.findings import Finding
from mp_lsp.engine.syntax import own_nodes
from mp_lsp.fixes.source import (
    DEFINITION_GAP,
    Fix,
    SourceFile,
    TextEdit,
    cannot_fix,
    closure_parameters,
    insert,
    offered,
)


def lambda_to_function(file: SourceFile, finding: Finding) -> Optional[Fix]:
    node = file.node_at(finding.culprit, ast.Lambda)
    if not isinstance(node, ast.Lambda):
        return None
    return offered(lambda: _move(file, node))


def _move(file: SourceFile, node: ast.Lambda) -> Fix:
    statement = file.top_level_statement(node)
    if statement is None:
        raise cannot_fix()
    parameters = closure_parameters(file, node)
    _refuse_rebound_later(file, node, parameters)
    variable = _assigned_name(file, node)
    signature = ", ".join(p for p in (*parameters, ast.unparse(node.args)) if p)
    if variable is not None and isinstance(statement, ast.Assign) and (
        statement is file.syntax.parent(node) and file.owns_lines(statement) and not parameters
    ):
        # ``square = lambda x: ...`` at module level: the def keeps the name.
        definition = _definition(file, variable, signature, node)
        span = file.whole_lines(statement.lineno, statement.end_lineno or statement.lineno)
        return Fix(_title(variable), (TextEdit(span, definition),))
    if variable is not None:
        name = file.free_name(f"_{variable}", f"{variable}_fn")
    else:
        name = file.free_name(f"_lambda_{node.lineno}")
    edits: list[TextEdit] = []
    replacement = name
    if parameters:
        partial, imports = file.partial_reference()
        edits.extend(imports)
        replacement = f"{partial}({', '.join([name, *parameters])})"
    definition = _definition(file, name, signature, node) + file.newline * DEFINITION_GAP
    edits.append(insert(file.first_line(statement), 0, definition))
    edits.append(TextEdit(file.syntax.span(node), replacement))
    return Fix(_title(name), tuple(edits))


def _title(name: str) -> str:
    return f"Move lambda to a module-level function `{name}`"


def _definition(file: SourceFile, name: str, signature: str, node: ast.Lambda) -> str:
    """``def name(signature):`` returning the lambda's body, written as the user wrote it
    (parenthesised when it spans lines or would not stand alone after ``return``)."""
    body = ast.get_source_segment(file.source, node.body) or ast.unparse(node.body)
    header = f"def {name}({signature}):"
    plain = f"{header}{file.newline}{file.indent_unit}return {body}{file.newline}"
    if "\n" not in body and "\r" not in body and _parses(plain):
        return plain
    return f"{header}{file.newline}{file.indent_unit}return ({body}){file.newline}"


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except SyntaxError:
        return False
    return True


def _assigned_name(file: SourceFile, node: ast.Lambda) -> Optional[str]:
    """``square`` for ``square = lambda ...`` (one plain name target)."""
    parent = file.syntax.parent(node)
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(
        parent.targets[0], ast.Name
    ):
        return parent.targets[0].id
    if isinstance(parent, ast.AnnAssign) and isinstance(parent.target, ast.Name):
        return parent.target.id
    return None


def _refuse_rebound_later(file: SourceFile, node: ast.Lambda, parameters: list[str]) -> None:
    """A closure reads its variables when called, a partial binds them when made: the same only
    if nothing assigns them after the lambda (or in a loop around it)."""
    scope = file.syntax.enclosing_function(node)
    if scope is None or not parameters:
        return
    wanted = set(parameters)
    end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
    for inner in own_nodes(scope):
        if isinstance(inner, ast.Name) and inner.id in wanted and isinstance(
            inner.ctx, (ast.Store, ast.Del)
        ) and (inner.lineno, inner.col_offset) > end:
            raise cannot_fix()
    for ancestor in file.syntax.ancestors(node):
        if ancestor is scope:
            break
        if isinstance(ancestor, (ast.For, ast.AsyncFor, ast.While)):
            raise cannot_fix()
