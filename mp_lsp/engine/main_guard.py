"""MP008: processes started while the module is being imported.

Under spawn and forkserver the child imports the main script again (as ``__mp_main__``). Code
that starts processes at module level then runs again in the child, which multiprocessing stops
with "An attempt has been made to start a new process before the current process has finished
its bootstrapping phase". The fix is the ``if __name__ == "__main__":`` guard.

A statement counts when it runs at import time (module level, outside the guard, functions and
classes) and contains a sink, or calls a function that (transitively) does: one of this module,
or, in a module without any guard, one imported from another workspace module. What a function
or lambda defined in such a statement (``if sys.platform ...: def run(): ...``) holds runs when
it is called, not on import: only its decorators and defaults count.
"""

from __future__ import annotations

import ast
import bisect
from collections import deque
from collections.abc import Iterator
from typing import Callable, Optional

from mp_lsp.engine.checker import Outcome
from mp_lsp.engine.dependencies import ModuleUnits
from mp_lsp.engine.findings import (
    PICKLING_START_METHODS,
    ChainLink,
    Finding,
    LinkKind,
    StartMethod,
)
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.knowledge.sinks import CANDIDATE_CONSTRUCTORS, PROCESS_STARTING_CALLS
from mp_lsp.engine.resolve import SinkSite
from mp_lsp.engine.rules import MP008
from mp_lsp.engine.syntax import ModuleSyntax, child_nodes, dotted_name
from mp_lsp.engine.targets import Target
from mp_lsp.engine.values import FunctionValue, Site


def missing_guard_findings(
    module: ModuleSyntax,
    sinks: list[SinkSite],
    setting: Optional[StartMethod],
    inferencer: Inferencer,
    target: Optional[Target] = None,
) -> list[Finding]:
    if module.is_notebook:  # a kernel's __main__ is never re-imported by the children
        return []
    sinks = [s for s in sinks if s.spec.starts_processes]  # queues only carry data
    if not sinks and module.has_main_guard:
        return []
    sink_nodes = {id(s.candidate.node) for s in sinks}
    starters = _starters(module, lambda n: id(n) in sink_nodes)
    imported_starters: dict[str, set[str]] = {}
    asked = _AskedCallees(module)
    for statement in module.import_time_statements:
        variant = None
        hit = _starting_node(statement, sinks, starters)
        if hit is None and not module.has_main_guard:
            hit = _imported_starter_call(statement, module, inferencer, imported_starters, asked)
        if hit is None and sinks:
            call = _unforced_set_start_method(statement)
            hit, variant = ((call, None), "start-method") if call is not None else (None, None)
        if hit is None:
            continue
        node, via = hit
        fixed = next((s.start_method for s in sinks if s.start_method), None)
        where = target.at(module, node) if target is not None else None
        outcome = Outcome.of(PICKLING_START_METHODS, setting, fixed, where)
        if not outcome.failing:
            continue  # not under these start methods, or not on the targeted platforms
        chain = (ChainLink(LinkKind.MODULE_LEVEL, location=module.location(statement)),)
        problem = MP008.problem(
            chain, module.location(statement), outcome.failing, variant=variant,
            via=f" (through `{via}()`)" if via else "",
        )
        return [
            Finding(
                code=MP008.code,
                message=MP008.sentence(problem, "") + outcome.note,
                path=module.path,
                span=module.span(node),
                severity=outcome.severity,
                start_methods=outcome.failing,
                chain=chain,
                culprit=module.location(statement),
                fix_hints=(("statement_line", str(statement.lineno)),),
            )
        ]
    return []


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
    """The syntactic witness used for other modules: ``Pool(...)``, ``ctx.Process(...)``,
    ``Manager()``."""
    return isinstance(node, ast.Call) and (
        (dotted_name(node.func) or "").split(".")[-1]
        in CANDIDATE_CONSTRUCTORS | PROCESS_STARTING_CALLS
    )


def _run_on_import(statement: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of a module-level statement that run when the module is imported: all of
    them (parents first) but the bodies of the functions and lambdas it defines, which run
    when called (their decorators, defaults and annotations run at the definition)."""
    pending: deque[ast.AST] = deque([statement])
    while pending:
        node = pending.popleft()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending.extend(
                child for child in child_nodes(node)
                if not any(child is inner for inner in node.body)
            )
        elif isinstance(node, ast.Lambda):
            pending.append(node.args)
        else:
            pending.extend(child_nodes(node))


def _unforced_set_start_method(statement: ast.stmt) -> Optional[ast.Call]:
    """``set_start_method("spawn")`` without ``force=True``: a second call raises."""
    for inner in _run_on_import(statement):
        if (
            isinstance(inner, ast.Call)
            and (dotted_name(inner.func) or "").split(".")[-1] == "set_start_method"
            and not any(k.arg == "force" for k in inner.keywords)
        ):
            return inner
    return None


def _imported_starter_call(
    statement: ast.stmt, module: ModuleSyntax, inferencer: Inferencer,
    starters: dict[str, set[str]], asked: _AskedCallees,
) -> Optional[tuple[ast.AST, Optional[str]]]:
    """A call, at import time, of another workspace module's function that starts processes
    (``starters``: memo of :func:`_starters` by module; ``asked``: the callees already found
    to be none)."""
    for inner in _run_on_import(statement):
        if not isinstance(inner, ast.Call) or not isinstance(inner.func, (ast.Name, ast.Attribute)):
            continue
        callee = asked.callee(inner)
        if callee is not None and asked.known_not_starter(callee, statement):
            continue
        for value in inferencer.values(Site(module, inner.func)):
            if not isinstance(value, FunctionValue) or value.module is module:
                continue
            node = value.definition.node
            name = getattr(node, "name", None)
            if not name:
                continue
            found = starters.get(value.module.path)
            if found is None:
                found = starters[value.module.path] = _starters(
                    value.module, _is_process_constructor
                )
            if name in found:
                return inner, dotted_name(inner.func)
        if callee is not None:
            asked.not_starter(callee, statement)
    return None


class _AskedCallees:
    """The callees of one module's import-time calls already asked about and found to start
    no process, by dotted name, for the later calls of the same name (``@pytest.mark.parametrize``
    on every test, ``ufunc(np.sin)`` for each ufunc). Python looks a module-level name up by
    its bindings: where at most one statement binds its root name, before the first call (a star
    import counts as one; none: a builtin), and no ``isinstance`` test narrows it (jedi reads
    those by position), every later call in the module's scope calls the same object.
    Anything else is asked again."""

    def __init__(self, module: ModuleSyntax) -> None:
        self.module = module
        #: Dotted name → the line of the statement holding its first call found to be none.
        self._first: dict[str, int] = {}
        self._units: Optional[ModuleUnits] = None
        self._narrowed: Optional[frozenset[str]] = None

    def callee(self, call: ast.Call) -> Optional[str]:
        """The dotted name the call's callee is remembered by, when the name is looked up in
        the module's scope (``None``: a callee that is always asked about)."""
        name = dotted_name(call.func)
        return name if name is not None and self._in_module_scope(call) else None

    def not_starter(self, callee: str, statement: ast.stmt) -> None:
        self._first.setdefault(callee, statement.lineno)

    def known_not_starter(self, callee: str, statement: ast.stmt) -> bool:
        first = self._first.get(callee)
        if first is None or statement.lineno <= first:
            return False
        return self._one_value(callee.split(".")[0], first)

    def _one_value(self, root: str, first_line: int) -> bool:
        if self._narrowed is None:
            self._narrowed = frozenset(
                call.args[0].id for call in self.module.calls_named("isinstance")
                if call.args and isinstance(call.args[0], ast.Name)
            )
        if root in self._narrowed:
            return False
        if self._units is None:
            self._units = ModuleUnits(self.module)
        binders = self._units.binders_of(root)
        if not binders:
            return True
        first = self._units.unit_at(first_line)
        return len(binders) == 1 and first is not None and binders[0] < first.index

    def _in_module_scope(self, node: ast.AST) -> bool:
        """Whether names in an import-time ``node`` (never in a function body) are looked up
        in the module's scope: not in a class body, a comprehension or a lambda (a decorator,
        a base or a default is read outside what it defines)."""
        child = node
        for parent in self.module.ancestors(node):
            if isinstance(parent, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                                   ast.GeneratorExp)):
                return False
            if isinstance(parent, ast.ClassDef) and any(child is inner for inner in parent.body):
                return False
            child = parent
        return True


def _starting_node(
    statement: ast.stmt, sinks: list[SinkSite], starters: set[str]
) -> Optional[tuple[ast.AST, Optional[str]]]:
    sink_nodes = {id(s.candidate.node): s.candidate.node for s in sinks}
    for inner in _run_on_import(statement):
        if id(inner) in sink_nodes:
            return inner, None
        if isinstance(inner, ast.Call) and (
            (dotted_name(inner.func) or "").split(".")[-1] in PROCESS_STARTING_CALLS
        ):
            return inner, None  # ``Manager()`` starts the manager's server process
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and (
            inner.func.id in starters
        ):
            return inner, inner.func.id
    return None
