"""MP002: move a nested function to module level, which pickle finds by name.

What it closes over becomes leading parameters, bound at the sink with ``functools.partial``
(evaluated there, the variables hold the values the task would have seen when sent).

Offered only when the outer function uses the nested one nowhere but as call arguments (the
sink) or as its return value (a factory), so every use can be rewritten, and nothing else — no
other nested scope, no rebinding — refers to it.
"""

from __future__ import annotations

import ast
import re
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


def nested_to_module_level(file: SourceFile, finding: Finding) -> Optional[Fix]:
    node = file.definition_at(finding.culprit)
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    outer = file.syntax.enclosing_function(node)
    if not isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    return offered(lambda: _move(file, finding, node, outer))


def _move(
    file: SourceFile,
    finding: Finding,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    outer: ast.FunctionDef | ast.AsyncFunctionDef,
) -> Fix:
    if getattr(node, "type_params", None):
        raise cannot_fix()
    references = _references(file, node, outer)
    anchor = file.node_spanning(finding.span, ast.Name)
    returned = any(isinstance(file.syntax.parent(r), ast.Return) for r in references)
    if not returned and (anchor is None or all(anchor is not r for r in references)):
        raise cannot_fix()  # the finding is about some other use than the ones rewritten
    statement = file.top_level_statement(outer)
    if statement is None:
        raise cannot_fix()
    parameters = closure_parameters(file, node)
    name = node.name
    if file.is_global_name(name) or _read_as_global(file, name):
        if name in parameters:
            raise cannot_fix()  # recursive through the closure: a rename would break it
        name = file.free_name(f"_{node.name}", f"{outer.name}_{node.name}")
    parameters = [p for p in parameters if p != node.name]
    text = file.reindented(node, "")
    if text is None:
        raise cannot_fix()
    text = _rewrite_header(file, node, text, name, parameters)
    edits: list[TextEdit] = []
    replacement = name
    if parameters:
        partial, imports = file.partial_reference()
        edits.extend(imports)
        replacement = f"{partial}({', '.join([name, *parameters])})"
    edits.append(insert(file.first_line(statement), 0, text + file.newline * DEFINITION_GAP))
    edits.append(file.removal(node))
    if replacement != node.name:
        edits.extend(TextEdit(file.syntax.span(r), replacement) for r in references)
    title = f"Move `{node.name}` to module level" if name == node.name else (
        f"Move `{node.name}` to a module-level function `{name}`"
    )
    return Fix(title, tuple(edits))


def _references(
    file: SourceFile, node: ast.AST, outer: ast.AST
) -> list[ast.Name]:
    """The outer function's uses of the nested one: all must be call arguments (the sink) or
    returned (a factory), where a partial stands in for the closure unchanged."""
    name = getattr(node, "name", "")
    own = own_nodes(outer)
    own_ids = {id(n) for n in own}
    inside_node = {id(n) for n in ast.walk(node)}
    uses: list[ast.Name] = []
    for inner in ast.walk(outer):
        if not isinstance(inner, ast.Name) or inner.id != name or id(inner) in inside_node:
            continue
        if id(inner) not in own_ids or not isinstance(inner.ctx, ast.Load):
            raise cannot_fix()  # another scope uses it, or the name is rebound
        parent = file.syntax.parent(inner)
        if isinstance(parent, ast.keyword):
            parent = file.syntax.parent(parent)
        if not (isinstance(parent, ast.Call) and parent.func is not inner) and not isinstance(
            parent, ast.Return
        ):
            raise cannot_fix()
        uses.append(inner)
    if sum(
        1 for n in own if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and n.name == name
    ):
        raise cannot_fix()  # defined twice
    return uses


def _read_as_global(file: SourceFile, name: str) -> bool:
    """Whether some scope already reads ``name`` as a module-level name (which a new
    module-level function of that name would start to answer)."""
    return any(name in file.global_reads(table) for table in file.symbols.get_children())


def _rewrite_header(
    file: SourceFile,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    text: str,
    name: str,
    parameters: list[str],
) -> str:
    """The moved ``def`` with its new name and the closure variables as leading parameters."""
    lines = text.split(file.newline)
    index = node.lineno - file.first_line(node)
    pattern = re.compile(rf"^((?:async\s+)?def\s+){re.escape(node.name)}(\s*\()")
    match = pattern.match(lines[index])
    if match is None:
        raise cannot_fix()
    has_arguments = bool(ast.unparse(node.args))
    leading = ", ".join(parameters) + (", " if parameters and has_arguments else "")
    lines[index] = f"{match.group(1)}{name}{match.group(2)}{leading}" + lines[index][match.end():]
    return file.newline.join(lines)
