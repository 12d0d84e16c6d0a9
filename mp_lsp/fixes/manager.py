"""MP007: create the lock or queue from a ``Manager()`` instead.

A ``multiprocessing.Lock()`` can only reach a process while it is being created; a manager's
``Lock()`` is a proxy that pickles (it reconnects to the manager's process), so it can be sent
to pool workers that already run. The manager is started on the line before the object is
made, in the same function, and lives as long as that function runs.

Offered only for a plain ``name = <mp or context>.Lock(...)`` in the function that sends it,
or directly under the ``__main__`` guard (a manager anywhere else at module level would itself
start a process at import time), and only for types whose manager proxy has the same methods
(not ``Value``/``Array``/``SimpleQueue``).
"""

from __future__ import annotations

import ast
from typing import Optional

from mp_lsp.engine.findings import Finding, LinkKind
from mp_lsp.engine.knowledge.sinks import MANAGED_FACTORIES
from mp_lsp.engine.syntax import is_main_guard, own_nodes
from mp_lsp.fixes.source import Fix, SourceFile, TextEdit, insert


def use_manager(file: SourceFile, finding: Finding) -> Optional[Fix]:
    anchor = file.node_spanning(finding.span, ast.expr)
    sent = _follow(anchor, finding)
    if not isinstance(sent, ast.Name):
        return None
    scope: ast.AST = file.syntax.enclosing_function(sent) or file.tree
    if isinstance(scope, ast.Lambda):
        return None
    stores = [
        n for n in own_nodes(scope)
        if isinstance(n, ast.Name) and n.id == sent.id and not isinstance(n.ctx, ast.Load)
    ]
    assignment = file.syntax.parent(stores[0]) if len(stores) == 1 else None
    if not (
        isinstance(assignment, ast.Assign)
        and len(assignment.targets) == 1
        and assignment.targets[0] is stores[0]
        and isinstance(assignment.value, ast.Call)
        and isinstance(assignment.value.func, ast.Attribute)
        and isinstance(assignment.value.func.value, ast.Name)
        and assignment.value.func.attr in MANAGED_FACTORIES
        and assignment.lineno < sent.lineno
        and file.owns_lines(assignment)
        and (scope is not file.tree or _directly_under_main_guard(file, assignment))
    ):
        return None
    factory = assignment.value.func
    assert isinstance(factory, ast.Attribute) and isinstance(factory.value, ast.Name)
    if not _is_multiprocessing(file, factory.value.id, scope):
        return None
    name = file.free_name("manager")
    indent = file.indentation(assignment.lineno)
    start = f"{indent}{name} = {factory.value.id}.Manager(){file.newline}"
    return Fix(
        f"Create `{sent.id}` with `{name}.{factory.attr}()` from a `Manager()`",
        (
            insert(assignment.lineno, 0, start),
            TextEdit(file.syntax.span(factory), f"{name}.{factory.attr}"),
        ),
    )


def _directly_under_main_guard(file: SourceFile, statement: ast.stmt) -> bool:
    guard = file.syntax.parent(statement)
    return isinstance(guard, ast.If) and is_main_guard(guard) and guard in file.tree.body and (
        statement in guard.body
    )


def _follow(anchor: Optional[ast.AST], finding: Finding) -> Optional[ast.AST]:
    """From the sink's argument down the chain's ``[i]`` steps through tuple/list literals
    and ``[item]`` steps into comprehensions."""
    current = anchor
    for link in finding.chain[1:-1]:
        if link.kind is LinkKind.ITEM and isinstance(
            current, (ast.ListComp, ast.SetComp, ast.GeneratorExp)
        ):
            current = current.elt
            continue
        if link.kind is not LinkKind.INDEX or not isinstance(current, (ast.Tuple, ast.List)):
            return None
        index = int(link.name)
        if index >= len(current.elts) or isinstance(current.elts[index], ast.Starred):
            return None
        current = current.elts[index]
    return current


def _is_multiprocessing(file: SourceFile, name: str, scope: ast.AST) -> bool:
    """``name`` is the ``multiprocessing`` module or a context from ``get_context()``."""
    if name == file.module_alias("multiprocessing"):
        return True
    for node in [*own_nodes(scope), *file.tree.body]:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = node.value
            return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and (
                value.func.attr == "get_context"
            )
    return False
