"""MP008: processes started while the module is being imported.

Under spawn and forkserver the child imports the main script again (as ``__mp_main__``). Code
that starts processes at module level then runs again in the child, which multiprocessing stops
with "An attempt has been made to start a new process before the current process has finished
its bootstrapping phase". The fix is the ``if __name__ == "__main__":`` guard.

A statement counts when it runs at import time (module level, outside the guard, functions and
classes) and contains a sink, or calls a function that (transitively) does: one of this module,
or, in a module without any guard, one of another workspace module (a function, a method of an
instance of its class, a class whose construction starts them, or a base class that a class
leaves its construction to). Methods are looked up as Python looks them up: in the class, then
in its bases (``super()`` included), those of its module first, then the bases of other
modules they lead to, as many modules away as they are. What a function
or lambda defined in such a statement (``if sys.platform ...: def run(): ...``) holds runs when
it is called, not on import: only its decorators and defaults count.
"""

from __future__ import annotations

import ast
import bisect
from functools import cached_property
from typing import Callable, Optional

from mp_lsp.engine.checker import Outcome
from mp_lsp.engine.dependencies import ModuleUnits, class_body_names
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
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name, run_on_import
from mp_lsp.engine.targets import Target
from mp_lsp.engine.values import BoundMethod, ClassValue, FunctionValue, Site


def missing_guard_findings(
    module: ModuleSyntax,
    sinks: list[SinkSite],
    setting: Optional[StartMethod],
    inferencer: Inferencer,
    units: Callable[[], ModuleUnits],
    target: Optional[Target] = None,
) -> list[Finding]:
    """``units``: the module's top-level statements, asked for only when a callee's bindings
    matter (the editor's memo keeps them across versions)."""
    if module.is_notebook:  # a kernel's __main__ is never re-imported by the children
        return []
    sinks = [s for s in sinks if s.spec.starts_processes]  # queues only carry data
    if not sinks and module.has_main_guard:
        return []
    sink_nodes = {id(s.candidate.node) for s in sinks}
    starters = _starters(module, lambda n: id(n) in sink_nodes)
    imported_starters: dict[str, set[str]] = {}
    asked = _AskedCallees(module, units)
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


#: The methods that calling a class runs: making an instance of a class whose constructor
#: starts processes starts them (``SOLVER = DirectSolver()`` with a ``Pool`` made in
#: ``__init__``).
CONSTRUCTION_METHODS = ("__new__", "__init__", "__post_init__")


class _Classes:
    """The module-level classes of a module, and where Python looks their methods up: in the
    class, then in its bases of the same module, in order (a simplified MRO, which is what a
    call by name decides when no other module's class is in the way)."""

    def __init__(self, module: ModuleSyntax) -> None:
        self.nodes: dict[str, ast.ClassDef] = {}
        self.methods: dict[str, set[str]] = {}
        for node in module.tree.body:
            if isinstance(node, ast.ClassDef):
                self.nodes[node.name] = node
                self.methods.setdefault(node.name, set()).update(
                    member.name for member in node.body
                    if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef))
                )

    def _local_bases(self, name: str) -> list[str]:
        return [base.id for base in self.nodes[name].bases
                if isinstance(base, ast.Name) and base.id in self.nodes]

    def lookup(self, name: str, method: str, seen: frozenset[str] = frozenset()) -> Optional[str]:
        """``Class.method`` of the class of this module that defines the method ``name``'s
        instances call, if one does."""
        if method in self.methods[name]:
            return f"{name}.{method}"
        return self.lookup_in_bases(name, method, seen)

    def lookup_in_bases(
        self, name: str, method: str, seen: frozenset[str] = frozenset()
    ) -> Optional[str]:
        """What ``super().method`` calls in a method of ``name``."""
        for base in self._local_bases(name):
            if base not in seen:
                found = self.lookup(base, method, seen | {name})
                if found is not None:
                    return found
        return None

    def foreign_construction(
        self, name: str, methods: tuple[str, ...] = CONSTRUCTION_METHODS
    ) -> list[tuple[ast.expr, str]]:
        """The bases from elsewhere (another module's class), each with one of ``methods``
        (construction methods) that making an instance of ``name`` looks up there: the class
        and its bases of this module leave the method to them, or call it through
        ``super()``."""
        found: dict[tuple[int, str], tuple[ast.expr, str]] = {}
        for method in methods:
            todo, seen = [name], set()
            while todo:
                current = todo.pop()
                if current in seen:
                    continue
                seen.add(current)
                node = self.nodes[current]
                defined = next((m for m in node.body if isinstance(
                    m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == method), None)
                if defined is not None and not any(
                    _super_attribute(call) == method for call in ast.walk(defined)
                ):
                    continue  # its own method, which does not hand on to the bases
                for base in node.bases:
                    if isinstance(base, ast.Name) and base.id in self.nodes:
                        todo.append(base.id)
                    elif not isinstance(base, ast.Starred):
                        found.setdefault((id(base), method), (base, method))
        return list(found.values())


def _super_attribute(node: ast.AST) -> Optional[str]:
    """``m`` of a call ``super().m(...)`` (or ``super(C, self).m(...)``)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value
        if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and (
            owner.func.id == "super"
        ):
            return node.func.attr
    return None


def _starters(module: ModuleSyntax, is_start: Callable[[ast.AST], bool]) -> set[str]:
    """Module-level functions whose body (or whose callees' bodies) starts processes, and
    module-level classes whose construction does (a method of :data:`CONSTRUCTION_METHODS`
    it defines or inherits from a class of the module that starts them, or calls a starter:
    a function by its name, a method on the instance or class it is given, ``self.warm()``,
    or through ``super()``)."""
    # start, end, key, and for a method its class and the parameter its instance (or class)
    # is bound to
    units: list[tuple[int, int, str, Optional[str], Optional[str]]] = []
    classes = _Classes(module)
    for node in module.tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            units.append((node.lineno, node.end_lineno or node.lineno, node.name, None, None))
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    units.append((member.lineno, member.end_lineno or member.lineno,
                                  f"{node.name}.{member.name}", node.name, _bound_to(member)))
    units.sort()
    starts = [unit[0] for unit in units]
    starters: set[str] = set()
    callees: dict[str, set[str]] = {unit[2]: set() for unit in units}
    for name in classes.nodes:
        callees[name] = {key for key in (classes.lookup(name, m) for m in CONSTRUCTION_METHODS)
                         if key is not None}
    # One pass over the module's calls (not a walk per function): each call belongs to the
    # function whose lines hold it.
    for call in module.nodes_of(ast.Call):
        assert isinstance(call, ast.Call)
        position = bisect.bisect_right(starts, call.lineno) - 1
        if position < 0 or call.lineno > units[position][1]:
            continue
        _, _, key, owner, receiver = units[position]
        if is_start(call):
            starters.add(key)
        func = call.func
        method: Optional[str] = None
        if isinstance(func, ast.Name):
            callees[key].add(func.id)
        elif owner is not None and isinstance(func, ast.Attribute) and isinstance(
            func.value, ast.Name
        ) and func.value.id == receiver:
            method = classes.lookup(owner, func.attr)
        elif owner is not None and (attribute := _super_attribute(call)) is not None:
            method = classes.lookup_in_bases(owner, attribute)
        if method is not None:
            callees[key].add(method)
    changed = True
    while changed:
        changed = False
        for name, called in callees.items():
            if name not in starters and called & starters:
                starters.add(name)
                changed = True
    return starters


def _bound_to(method: ast.FunctionDef | ast.AsyncFunctionDef) -> Optional[str]:
    """The parameter a method's instance (or, for a classmethod, its class) is bound to:
    its first, unless it is a staticmethod."""
    if any(dotted_name(d) == "staticmethod" for d in method.decorator_list):
        return None
    positional = method.args.posonlyargs + method.args.args
    return positional[0].arg if positional else None


def _is_process_constructor(node: ast.AST) -> bool:
    """The syntactic witness used for other modules: ``Pool(...)``, ``ctx.Process(...)``,
    ``Manager()``."""
    return isinstance(node, ast.Call) and (
        (dotted_name(node.func) or "").split(".")[-1]
        in CANDIDATE_CONSTRUCTORS | PROCESS_STARTING_CALLS
    )


def _unforced_set_start_method(statement: ast.stmt) -> Optional[ast.Call]:
    """``set_start_method("spawn")`` without ``force=True``: a second call raises."""
    for inner in run_on_import(statement):
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
    for inner in run_on_import(statement):
        if not isinstance(inner, ast.Call) or not isinstance(inner.func, (ast.Name, ast.Attribute)):
            continue
        callee = asked.callee(inner)
        if callee is not None and (
            asked.builtin(callee) or asked.known_not_starter(callee, statement)
        ):
            continue
        if any(_starts_elsewhere(value, module, inferencer, starters)
               for value in inferencer.values(Site(module, inner.func))):
            return inner, dotted_name(inner.func)
        if callee is not None:
            asked.not_starter(callee, statement)
    return None


def _starts_elsewhere(
    value: object, module: ModuleSyntax, inferencer: Inferencer,
    starters: dict[str, set[str]],
) -> bool:
    """Whether calling ``value`` (a callee of an import-time call of ``module``) starts
    processes in another workspace module: a function or a method there that does
    (``runner.run()``), a class there whose construction does, or a class of ``module``
    that leaves its construction to such a class (``class Sparse(PooledSolver): ...``)."""
    function = value.function if isinstance(value, BoundMethod) else value
    if not isinstance(function, (FunctionValue, ClassValue)):
        return False
    if function.module is not module and (
        _unit_key(function) in _starters_of(function.module, starters)
    ):
        return True
    return isinstance(function, ClassValue) and _inherits_starter(
        function, CONSTRUCTION_METHODS, inferencer, starters, frozenset()
    )


def _inherits_starter(
    cls: ClassValue, methods: tuple[str, ...], inferencer: Inferencer,
    starters: dict[str, set[str]], seen: frozenset[tuple[str, str]],
) -> bool:
    """Whether making an instance of ``cls`` (a module-level class) runs one of ``methods``
    that another module's class defines and that starts processes: Python's lookup, base
    after base, across as many modules as the bases come from (``seen``: the classes already
    on the way, by module and name)."""
    node = cls.definition.node
    if not isinstance(node, ast.ClassDef) or node not in cls.module.tree.body:
        return False
    seen = seen | {(cls.module.path, node.name)}
    for expr, method in _Classes(cls.module).foreign_construction(node.name, methods):
        for base in inferencer.values(Site(cls.module, expr)):
            if not isinstance(base, ClassValue):
                continue  # a library class (its methods are no workspace starters)
            defined = base.definition.node
            if not isinstance(defined, ast.ClassDef) or defined not in base.module.tree.body:
                continue
            if (base.module.path, defined.name) in seen:
                continue
            key = _Classes(base.module).lookup(defined.name, method)
            if key is not None and key in _starters_of(base.module, starters):
                return True
            if _inherits_starter(base, (method,), inferencer, starters, seen):
                return True  # the base leaves the method to a class of yet another module
    return False


def _starters_of(module: ModuleSyntax, starters: dict[str, set[str]]) -> set[str]:
    """:func:`_starters` of another module, by its syntactic witness, memoised by path."""
    found = starters.get(module.path)
    if found is None:
        found = starters[module.path] = _starters(module, _is_process_constructor)
    return found


def _unit_key(value: FunctionValue | ClassValue) -> Optional[str]:
    """How :func:`_starters` names a definition: a module-level function or class by its
    name, a method of a module-level class as ``Class.method`` (``None``: anything else)."""
    node = value.definition.node
    name = getattr(node, "name", None)
    if not name:
        return None
    owner = value.module.enclosing_class(node)
    if owner is None:
        return name
    return f"{owner.name}.{name}" if owner in value.module.tree.body else None


class _AskedCallees:
    """The callees of one module's import-time calls already asked about and found to start
    no process, by dotted name, for the later calls of the same name (``@pytest.mark.parametrize``
    on every test, ``ufunc(np.sin)`` for each ufunc). Python looks a module-level name up by
    its bindings: where at most one statement binds its root name, before the first call (a star
    import counts as one; none: a builtin), and no ``isinstance`` test narrows it (jedi reads
    those by position), every later call that reads it in the module's scope (a class body
    that does not bind it reads the module's) calls the same object. Anything else is asked
    again."""

    def __init__(self, module: ModuleSyntax, units: Callable[[], ModuleUnits]) -> None:
        self.module = module
        self._units_of = units
        #: Dotted name → the line of the statement holding its first call found to be none.
        self._first: dict[str, int] = {}
        self._classes: dict[int, frozenset[str]] = {}

    def callee(self, call: ast.Call) -> Optional[str]:
        """The dotted name the call's callee is remembered by, when the name is looked up in
        the module's scope (``None``: a callee that is always asked about)."""
        name = dotted_name(call.func)
        if name is None or not self._in_module_scope(call, name.split(".")[0]):
            return None
        return name

    def not_starter(self, callee: str, statement: ast.stmt) -> None:
        self._first.setdefault(callee, statement.lineno)

    def known_not_starter(self, callee: str, statement: ast.stmt) -> bool:
        """A later call of the same name, in the statement of the first one (a class whose
        methods all have ``@pytest.mark.parametrize``) or after it."""
        first = self._first.get(callee)
        if first is None or statement.lineno < first:
            return False
        return self._one_value(callee.split(".")[0], first)

    def builtin(self, callee: str) -> bool:
        """Whether the callee's root is a builtin (``hasattr``, ``tuple``): no statement of the
        module binds it (a star import or a ``global`` in a function counts as one), so it is
        no function of another module."""
        root = callee.split(".")[0]
        return root not in self._narrowed and not self._units.binders_of(root)

    @cached_property
    def _narrowed(self) -> frozenset[str]:
        """Names an ``isinstance`` test reads (jedi narrows them by position)."""
        return frozenset(
            call.args[0].id for call in self.module.calls_named("isinstance")
            if call.args and isinstance(call.args[0], ast.Name)
        )

    @cached_property
    def _units(self) -> ModuleUnits:
        return self._units_of()

    def _class_names(self, cls: ast.ClassDef) -> frozenset[str]:
        found = self._classes.get(id(cls))
        if found is None:
            found = self._classes[id(cls)] = class_body_names(cls)
        return found

    def _one_value(self, root: str, first_line: int) -> bool:
        if root in self._narrowed:
            return False
        binders = self._units.binders_of(root)
        if not binders:
            return True
        first = self._units.unit_at(first_line)
        return len(binders) == 1 and first is not None and binders[0] < first.index

    def _in_module_scope(self, node: ast.AST, root: str) -> bool:
        """Whether ``root``, read in an import-time ``node`` (never in a function body), is
        looked up in the module's scope: not in a comprehension or a lambda (a decorator, a
        base or a default is read outside what it defines), nor in a class body that binds
        ``root`` itself (a class body looks in its own namespace first, then the module's)."""
        child = node
        for parent in self.module.ancestors(node):
            if isinstance(parent, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                                   ast.GeneratorExp)):
                return False
            if isinstance(parent, ast.ClassDef) and any(child is inner for inner in parent.body) \
                    and root in self._class_names(parent):
                return False
            child = parent
        return True


def _starting_node(
    statement: ast.stmt, sinks: list[SinkSite], starters: set[str]
) -> Optional[tuple[ast.AST, Optional[str]]]:
    sink_nodes = {id(s.candidate.node): s.candidate.node for s in sinks}
    for inner in run_on_import(statement):
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
