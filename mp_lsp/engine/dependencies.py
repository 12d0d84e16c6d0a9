"""Which top-level statements a sink's verdict can depend on: what makes re-analysis incremental.

An edit changes a few top-level statements (a function, a class, an import). A sink's verdict
is a function of the statement that holds it and of what inference reads from elsewhere in the
module, which is, by name: the statements that bind (or mutate) the module-level names it
loads, transitively, and the statements that call the functions whose parameters were followed
to their call sites. This module computes that set syntactically, from one ``ast`` pass, so
that :mod:`mp_lsp.engine.incremental` can tell whether a sink's inputs are unchanged since its
last analysis without asking jedi anything.

The set over-approximates on purpose: a name bound in two places depends on both, a
``from x import *`` binds every name, and a sink that runs at module level depends on every
statement that runs at import time (attributes used before it count, see
:meth:`mp_lsp.engine.checker.Checker._touched_before`). Over-approximating costs a re-analysis;
missing a dependency would publish a stale verdict.
"""

from __future__ import annotations

import ast
import bisect
import re
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Optional

from mp_lsp.engine.knowledge.pickling import REDUCER_REGISTRATIONS
from mp_lsp.engine.knowledge.python import MUTATORS
from mp_lsp.engine.syntax import ModuleSyntax, child_nodes, dotted_name

#: Stands for "every name" in a statement's bindings (``from x import *``).
ANY_NAME = "*"
_REGISTERING_CALLS = frozenset(name for _, name in REDUCER_REGISTRATIONS)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass(frozen=True)
class UnitNames:
    """The module-level names one top-level statement touches; a function of its text alone."""

    #: Names it binds, rebinds or mutates (``ANY_NAME`` for a star import).
    binds: frozenset[str]
    #: Names it reads.
    loads: frozenset[str]
    #: The last dotted part of each function it calls (``pool.map`` → ``map``).
    calls: frozenset[str]
    #: Whether it runs at import time (anything but a ``def`` or ``class``).
    runs_on_import: bool


class Unit(NamedTuple):
    """One top-level statement, decorators included (a tuple: thousands are made per edit)."""

    index: int
    start: int  # first line, 1-based
    end: int  # last line
    text: str
    names: UnitNames


class ModuleUnits:
    """The top-level statements of one module, indexed by line and by name."""

    def __init__(self, module: ModuleSyntax, known: Optional[dict[str, UnitNames]] = None) -> None:
        """``known`` holds the names of statements seen before, by text and place in it:
        after an edit only the changed statements are walked again. It gains the new ones."""
        known = {} if known is None else known
        self.units: list[Unit] = []
        lines = module.lines
        for index, statement in enumerate(module.tree.body):
            start = statement.lineno
            for decorator in getattr(statement, "decorator_list", ()):
                start = min(start, decorator.lineno)
            end = statement.end_lineno or start
            text = lines[start - 1] if start == end else "\n".join(lines[start - 1:end])
            # Statements that share a line (``a = 1; b = 2``) share its text: where each
            # starts and ends in it tells them apart.
            key = f"{statement.lineno - start}:{statement.col_offset}:" \
                  f"{statement.end_col_offset}:{text}"
            names = known.get(key)
            if names is None:
                names = known[key] = _names(statement)
            self.units.append(Unit(index, start, end, text, names))
        self._starts = [unit.start for unit in self.units]
        self._binders: dict[str, list[int]] = {}
        self._callers: dict[str, list[int]] = {}
        for unit in self.units:
            for name in unit.names.binds:
                self._binders.setdefault(name, []).append(unit.index)
            # A function is called where its name is called, and where a sink is given it to
            # run in a child (``Process(target=worker, args=...)``), which loads the name.
            for name in unit.names.calls | unit.names.loads:
                self._callers.setdefault(name, []).append(unit.index)
        self._star_binders = self._binders.get(ANY_NAME, [])
        #: The module-level functions, by statement: one that binds another module name (by
        #: ``global``) binds it only where it is called.
        self._functions = {
            index: statement.name for index, statement in enumerate(module.tree.body)
            if isinstance(statement, _FUNCTIONS)
        }
        self._on_import = [unit.index for unit in self.units if unit.names.runs_on_import]
        # A registered reducer changes how every value of its type pickles, wherever it is sent.
        self._registrations = [
            unit.index for unit in self.units
            if unit.names.calls & _REGISTERING_CALLS or "dispatch_table" in unit.text
        ]

    def binders_of(self, name: str) -> list[int]:
        """The indexes of the statements that may bind (or mutate) a module-level name: its
        own binders, and every star import."""
        return [*self._binders.get(name, ()), *self._star_binders]

    def unit_at(self, line: int) -> Optional[Unit]:
        """The top-level statement that spans ``line`` (``None`` between statements)."""
        position = bisect.bisect_right(self._starts, line) - 1
        # Statements on one line (``a = 1; b = 2``) share it: the first one that spans it.
        while position > 0 and self._starts[position - 1] == self._starts[position]:
            position -= 1
        for unit in self.units[max(position, 0):]:
            if unit.start > line:
                break
            if unit.end >= line:
                return unit
        return None

    def closure(self, unit: Unit, called: Iterable[str]) -> tuple[int, ...]:
        """The indexes of the statements ``unit``'s sinks can depend on, ``unit`` included.

        ``called`` names the functions whose call sites the analysis consulted (a parameter
        followed to its arguments); their callers join the set, with what they depend on.
        """
        seeds = {unit.index, *self._registrations}
        if unit.names.runs_on_import:
            seeds.update(self._on_import)
        for name in called:
            seeds.update(self._callers.get(name, ()))
        seen = set(seeds)
        pending = list(seeds)
        while pending:
            for name in self.units[pending.pop()].names.loads:
                for index in self.binders_of(name):
                    found = [index]
                    function = self._functions.get(index)
                    if function is not None and function != name:
                        # ``def setup(): global work ...``: where ``setup()`` is called (at
                        # import time or not) decides whether the child has ``work``.
                        found += self._callers.get(function, ())
                    for dependency in found:
                        if dependency not in seen:
                            seen.add(dependency)
                            pending.append(dependency)
        return tuple(sorted(seen))


def _names(statement: ast.stmt) -> UnitNames:
    names = _Names()
    names.visit(statement)
    return UnitNames(
        binds=frozenset(names.binds),
        loads=frozenset(names.loads),
        calls=frozenset(names.calls),
        runs_on_import=not isinstance(statement, (*_FUNCTIONS, ast.ClassDef)),
    )


def _target_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _import_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    return {(alias.asname or alias.name).split(".")[0] for alias in node.names}


def _scope_locals(scope: ast.AST) -> set[str]:
    """Names a function, lambda or comprehension binds for itself (not ``global`` ones).

    Only what is surely local counts: a name left out is treated as module-level, which
    over-approximates the dependencies rather than missing one.
    """
    names: set[str] = set()
    if isinstance(scope, (*_FUNCTIONS, ast.Lambda)):
        arguments = scope.args
        for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                         arguments.vararg, arguments.kwarg):
            if argument is not None:
                names.add(argument.arg)
        if isinstance(scope, ast.Lambda):
            return names
    if isinstance(scope, _COMPREHENSIONS):
        for generator in scope.generators:
            names |= _target_names(generator.target)
        return names
    bound, declared = _body_names(getattr(scope, "body", ()))
    return (names | bound) - declared


def class_body_names(cls: ast.ClassDef) -> frozenset[str]:
    """Every name a class body may bind in its own namespace, or declares ``global`` or
    ``nonlocal``: where a name is not among them, the body reads the module's."""
    bound, declared = _body_names(cls.body)
    return frozenset(bound | declared)


def _body_names(body: Iterable[ast.stmt]) -> tuple[set[str], set[str]]:
    """The names a scope's statements bind (definitions, assignment and ``del`` targets,
    imports, ``except ... as``, ``match`` captures), and those they declare ``global`` or
    ``nonlocal``; nested scopes' own names left out."""
    bound: set[str] = set()
    declared: set[str] = set()
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            bound.add(node.name)
            pending.extend(getattr(node, "decorator_list", ()))
            continue
        if isinstance(node, (ast.Lambda, *_COMPREHENSIONS)):
            continue
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= _import_names(node)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
        pending.extend(child_nodes(node))
    return bound, declared


class _Names(ast.NodeVisitor):
    """Collects the module-level names one top-level statement binds, loads and calls."""

    def __init__(self) -> None:
        self.binds: set[str] = set()
        self.loads: set[str] = set()
        self.calls: set[str] = set()
        #: The local names of the enclosing functions, lambdas and comprehensions.
        self._scopes: list[set[str]] = []
        #: Inside a class body at module level: its assignments bind class attributes.
        self._class_depth = 0

    def generic_visit(self, node: ast.AST) -> None:
        for child in child_nodes(node):
            self.visit(child)

    def _is_global(self, name: str) -> bool:
        return not any(name in scope for scope in self._scopes)

    def _bind(self, name: str) -> None:
        if self._is_global(name) and (self._scopes or not self._class_depth):
            self.binds.add(name)

    def _scoped(self, node: ast.AST, children: Iterable[ast.AST]) -> None:
        self._scopes.append(_scope_locals(node))
        saved, self._class_depth = self._class_depth, 0
        for child in children:
            self.visit(child)
        self._class_depth = saved
        self._scopes.pop()

    # -- scopes ----------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._bind(node.name)
        for outside in (*node.decorator_list, *node.args.defaults,
                        *(d for d in node.args.kw_defaults if d is not None)):
            self.visit(outside)
        for argument in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                         node.args.vararg, node.args.kwarg):
            if argument is not None and argument.annotation is not None:
                self._annotation(argument.annotation)
        if node.returns is not None:
            self._annotation(node.returns)
        self._scoped(node, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for default in (*node.args.defaults, *node.args.kw_defaults):
            if default is not None:
                self.visit(default)
        self._scoped(node, [node.body])

    def _comprehension(self, node: ast.AST) -> None:
        generators: list[ast.comprehension] = node.generators  # type: ignore[attr-defined]
        self.visit(generators[0].iter)  # evaluated in the enclosing scope
        inner: list[ast.AST] = [generators[0].target, *generators[0].ifs]
        for generator in generators[1:]:
            inner += [generator.target, generator.iter, *generator.ifs]
        for field in ("elt", "key", "value"):
            if hasattr(node, field):
                inner.append(getattr(node, field))
        self._scoped(node, inner)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._bind(node.name)
        for outside in (*node.decorator_list, *node.bases, *(k.value for k in node.keywords)):
            self.visit(outside)
        self._class_depth += 1
        for statement in node.body:
            self.visit(statement)
        self._class_depth -= 1

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._annotation(node.annotation)
        self.visit(node.target)
        if node.value is not None:
            self.visit(node.value)

    def _annotation(self, node: ast.expr) -> None:
        """An annotation's names, those inside strings too (``job: "Job"``): jedi reads both."""
        self.visit(node)
        for inner in ast.walk(node):
            if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                self.loads.update(n for n in _IDENTIFIER.findall(inner.value) if self._is_global(n))

    # -- names -----------------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            if self._is_global(node.id):
                self.loads.add(node.id)
        else:
            self._bind(node.id)

    def visit_Global(self, node: ast.Global) -> None:
        self.binds.update(node.names)  # ``global x`` then ``x = ...``: a module-level binding

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
            self.binds.add(ANY_NAME)
            return
        for name in _import_names(node):
            self._bind(name)

    visit_ImportFrom = visit_Import

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._bind(node.name)
        self.generic_visit(node)

    def visit_MatchAs(self, node: ast.AST) -> None:
        name = getattr(node, "name", None)
        if name:
            self._bind(name)
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node: ast.MatchMapping) -> None:
        if node.rest:
            self._bind(node.rest)  # ``case {"k": v, **rest}``
        self.generic_visit(node)

    # -- mutations and calls ---------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self._mutate(node.value)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self._mutate(node.value)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = (dotted_name(node.func) or "").split(".")[-1]
        if name:
            self.calls.add(name)
        if isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            self._mutate(node.func.value)
        self.generic_visit(node)

    def _mutate(self, target: ast.expr) -> None:
        """``x.attr = v``, ``x[k] = v``, ``x.append(v)``: a change to the object ``x`` names."""
        while isinstance(target, (ast.Attribute, ast.Subscript)):
            target = target.value
        if isinstance(target, ast.Name) and self._is_global(target.id):
            self.binds.add(target.id)
