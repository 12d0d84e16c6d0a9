"""MP008: processes started while the module is being imported.

Under spawn and forkserver the child imports the main script again (as ``__mp_main__``). Code
that starts processes at module level then runs again in the child, which multiprocessing stops
with "An attempt has been made to start a new process before the current process has finished
its bootstrapping phase". The fix is the ``if __name__ == "__main__":`` guard.

A statement counts when it runs at import time (module level, outside the guard, functions and
classes) and contains a sink, or calls a function that (transitively) does: one of this module,
or, in a module without any guard, one imported from another workspace module.
"""

from __future__ import annotations

import ast
import bisect
from typing import Callable, Optional

from mp_lsp.engine.checker import Outcome
from mp_lsp.engine.findings import (
    PICKLING_START_METHODS,
    ChainLink,
    Finding,
    LinkKind,
    StartMethod,
)
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.knowledge.sinks import CANDIDATE_CONSTRUCTORS
from mp_lsp.engine.resolve import SinkSite
from mp_lsp.engine.rules import MP008
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name, is_main_guard
from mp_lsp.engine.values import FunctionValue, Site


def missing_guard_findings(
    module: ModuleSyntax,
    sinks: list[SinkSite],
    setting: Optional[StartMethod],
    inferencer: Inferencer,
) -> list[Finding]:
    sinks = [s for s in sinks if s.spec.starts_processes]  # queues only carry data
    if not sinks and module.has_main_guard:
        return []
    sink_nodes = {id(s.candidate.node) for s in sinks}
    starters = _starters(module, lambda n: id(n) in sink_nodes)
    for statement in _import_time_statements(module.tree.body):
        hit = _starting_node(statement, sinks, starters)
        if hit is None and not module.has_main_guard:
            hit = _imported_starter_call(statement, module, inferencer)
        if hit is None:
            continue
        node, via = hit
        fixed = next((s.start_method for s in sinks if s.start_method), None)
        outcome = Outcome.of(PICKLING_START_METHODS, setting, fixed)
        if not outcome.failing:
            return []
        via_text = f" (through `{via}()`)" if via else ""
        return [
            Finding(
                code=MP008.code,
                message=MP008.message.format(via=via_text) + outcome.note,
                path=module.path,
                span=module.span(node),
                severity=outcome.severity,
                start_methods=outcome.failing,
                chain=(ChainLink(LinkKind.MODULE_LEVEL, location=module.location(statement)),),
                culprit=module.location(statement),
                fix_hints=(("statement_line", str(statement.lineno)),),
            )
        ]
    return []


def _import_time_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements that run on import: module level, into ifs/trys/withs, not the guard."""
    found: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if is_main_guard(statement):
            assert isinstance(statement, ast.If)
            found.extend(_import_time_statements(statement.orelse))
            continue
        found.append(statement)
    return found


def _starters(module: ModuleSyntax, is_start: Callable[[ast.AST], bool]) -> set[str]:
    """Module-level functions whose body (or whose callees' bodies) starts processes."""
    functions = [
        node for node in module.tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    starts = [node.lineno for node in functions]
    starters: set[str] = set()
    callees: dict[str, set[str]] = {node.name: set() for node in functions}
    # One pass over the module's calls (not a walk per function): each call belongs to the
    # function whose lines hold it.
    for call in module.nodes_of(ast.Call):
        assert isinstance(call, ast.Call)
        position = bisect.bisect_right(starts, call.lineno) - 1
        if position < 0 or call.lineno > (functions[position].end_lineno or 0):
            continue
        name = functions[position].name
        if is_start(call):
            starters.add(name)
        if isinstance(call.func, ast.Name):
            callees[name].add(call.func.id)
    changed = True
    while changed:
        changed = False
        for name, called in callees.items():
            if name not in starters and called & starters:
                starters.add(name)
                changed = True
    return starters


def _is_process_constructor(node: ast.AST) -> bool:
    """The syntactic witness used for other modules: ``Pool(...)``, ``ctx.Process(...)``."""
    return isinstance(node, ast.Call) and (
        (dotted_name(node.func) or "").split(".")[-1] in CANDIDATE_CONSTRUCTORS
    )


def _imported_starter_call(
    statement: ast.stmt, module: ModuleSyntax, inferencer: Inferencer
) -> Optional[tuple[ast.AST, Optional[str]]]:
    """A call, at import time, of another workspace module's function that starts processes."""
    for inner in ast.walk(statement):
        if not isinstance(inner, ast.Call) or not isinstance(inner.func, (ast.Name, ast.Attribute)):
            continue
        for value in inferencer.values(Site(module, inner.func)):
            if not isinstance(value, FunctionValue) or value.module is module:
                continue
            node = value.definition.node
            name = getattr(node, "name", None)
            if name and name in _starters(value.module, _is_process_constructor):
                return inner, dotted_name(inner.func)
    return None


def _starting_node(
    statement: ast.stmt, sinks: list[SinkSite], starters: set[str]
) -> Optional[tuple[ast.AST, Optional[str]]]:
    sink_nodes = {id(s.candidate.node): s.candidate.node for s in sinks}
    for inner in ast.walk(statement):
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if id(inner) in sink_nodes:
            return inner, None
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and (
            inner.func.id in starters
        ):
            return inner, inner.func.id
    return None
