"""Reducers registered in the code: the first step of pickle's algorithm.

Before it looks a value's type up by name or asks it to reduce itself, pickle consults the
reducers registered for its type (``copyreg.pickle``, ``copyreg.dispatch_table``,
``ForkingPickler.register``); such a type pickles however it is made. A registration counts
when it is in the module that sends the value or in a workspace module it imports (imports run
in the sending process, so their registrations are in force when it pickles).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.knowledge.pickling import (
    FACTORY_FUNCTIONS,
    REDUCER_REGISTRATIONS,
    REDUCER_TABLES,
)
from mp_lsp.engine.scan import local_import_paths
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name
from mp_lsp.engine.values import ClassValue, Site

#: How many levels of workspace imports are searched for registrations.
IMPORT_DEPTH = 3


@dataclass(frozen=True)
class Registered:
    """The types that have a registered reducer."""

    #: Library types by the fully qualified names jedi gives them.
    library: frozenset[str] = frozenset()
    #: Workspace classes by (path, line of the ``class`` statement).
    classes: frozenset[tuple[str, int]] = frozenset()

    def covers(self, value: ClassValue) -> bool:
        return (value.module.path, value.definition.node.lineno) in self.classes


def registered_reducers(module: ModuleSyntax, inferencer: Inferencer) -> Registered:
    """Every type given a reducer in ``module`` or the workspace modules it imports."""
    library: set[str] = set()
    classes: set[tuple[str, int]] = set()
    for source in _modules(module, inferencer):
        for registered in _registered_types(source):
            if inferencer.referred_names(Site(source, registered)) & FACTORY_FUNCTIONS:
                continue  # registered on a function: no value has that type
            site = _type_of(Site(source, registered), inferencer)
            for value in inferencer.values(site) if site.node is registered else []:
                if isinstance(value, ClassValue):
                    classes.add((value.module.path, value.definition.node.lineno))
            library |= inferencer.full_names(site)
    return Registered(frozenset(library), frozenset(classes))


def _modules(module: ModuleSyntax, inferencer: Inferencer) -> list[ModuleSyntax]:
    """The module and the workspace modules it imports, :data:`IMPORT_DEPTH` levels deep. The
    last level is read for registrations only, so a module there is parsed only when its text
    may hold one: most of a package's modules are found at that level, and most register
    nothing."""
    found = [module]
    seen = {module.path}
    frontier = [module]
    project = inferencer.project
    root = str(project.root)
    for level in range(1, IMPORT_DEPTH + 1):
        following = []
        for current in frontier:
            for path in local_import_paths(current, root):
                if level == IMPORT_DEPTH and not _may_register(project.raw_text(path)):
                    continue
                imported = project.syntax(path)
                if imported is not None and imported.path not in seen:
                    seen.add(imported.path)
                    following.append(imported)
        found += following
        frontier = following
    return found


def _registered_types(module: ModuleSyntax) -> list[ast.expr]:
    """The type expressions of the module's reducer registrations."""
    if not _may_register(module.source):
        return []
    found: list[ast.expr] = []
    for node in module.nodes_of(ast.Call):
        assert isinstance(node, ast.Call)
        parts = tuple((dotted_name(node.func) or "").split(".")[-2:])
        if parts in REDUCER_REGISTRATIONS and node.args:
            found.append(node.args[0])
    for node in module.nodes_of(ast.Assign):
        assert isinstance(node, ast.Assign)
        for target in node.targets:
            if isinstance(target, ast.Subscript) and tuple(
                (dotted_name(target.value) or "").split(".")[-2:]
            ) in REDUCER_TABLES:
                found.append(target.slice)
    return found


def _may_register(text: str) -> bool:
    """Whether a module's text may hold a registration :func:`_registered_types` finds: one
    names the last two parts of a call in ``REDUCER_REGISTRATIONS`` (``copyreg.pickle``) or of
    a table in ``REDUCER_TABLES``, so the text holds both words of one of them."""
    return any(all(word in text for word in pair) for pair in _REGISTRATION_NAMES)


_REGISTRATION_NAMES = REDUCER_REGISTRATIONS | REDUCER_TABLES


def _type_of(site: Site, inferencer: Inferencer) -> Site:
    """The expression whose instances have the type: ``x`` for ``type(x)`` (through a name
    bound to it), else the type expression itself."""
    node = site.node
    if isinstance(node, ast.Name):
        bound = inferencer.assigned_value(site)
        if bound is not None and _is_type_call(bound.node):
            node, site = bound.node, bound
    if _is_type_call(node):
        assert isinstance(node, ast.Call)
        return Site(site.module, node.args[0])
    return site


def _is_type_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id == "type" and len(node.args) == 1
    )
