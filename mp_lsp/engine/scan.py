"""The cheap syntactic pass: which calls in a module might send values to another process.

Most files never touch multiprocessing; for them this is the whole analysis (one parse, no
jedi). A module is *relevant* when it imports ``multiprocessing`` or ``concurrent.futures``, or
imports a workspace module that mentions them (pools are often made in a helper module).
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from typing import Callable, Optional

from mp_lsp.engine.knowledge.sinks import (
    CANDIDATE_CONSTRUCTORS,
    CANDIDATE_FUNCTIONS,
    CANDIDATE_METHODS,
    Witness,
    is_process_module,
)
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name


@dataclass(frozen=True)
class Candidate:
    """A call (or ``proxy[key] = value``, or a ``with`` item) that might be a sink, before
    jedi says so."""

    node: ast.AST  # the Call, the Assign of ``proxy[key] = value``, a ``with``'s expression
    method: Optional[str]  # None: a constructor call
    receiver: Optional[ast.expr]
    args: tuple[ast.expr, ...]
    keywords: tuple[tuple[Optional[str], ast.expr], ...]


def imports_process_modules(module: ModuleSyntax) -> bool:
    return any(is_process_module(name) for name in module.imported_modules)


def local_import_paths(module: ModuleSyntax, root: str) -> list[str]:
    """Files of the workspace that this module imports (absolute or relative imports)."""
    here = os.path.dirname(module.path)
    found: list[str] = []
    for node in module.nodes_of(ast.Import, ast.ImportFrom):
        names: list[str] = []
        base_dirs = [here, root]
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here
                for _ in range(node.level - 1):
                    base = os.path.dirname(base)
                base_dirs = [base]
            prefix = node.module or ""
            names = [prefix] if prefix else []
            names += [f"{prefix}.{a.name}".lstrip(".") for a in node.names]
        for name in names:
            relative = name.replace(".", os.sep)
            for base in base_dirs:
                for candidate in (f"{relative}.py", os.path.join(relative, "__init__.py")):
                    path = os.path.join(base, candidate)
                    if os.path.isfile(path):
                        found.append(path)
    return found


def module_name(path: str) -> Optional[str]:
    """The name other files import ``path`` by (its package's name for ``__init__.py``)."""
    stem, suffix = os.path.splitext(os.path.basename(path))
    if suffix not in (".py", ".pyw", ".pyi"):
        return None
    if stem == "__init__":
        stem = os.path.basename(os.path.dirname(path))
    return stem if stem.isidentifier() else None


def importer_pattern(path: str) -> Optional[re.Pattern[str]]:
    """Finds the import lines that may import the module at ``path``, by its name: a cheap,
    over-approximating test of "does this text depend on that file" (no parse)."""
    name = module_name(path)
    if name is None:
        return None
    return re.compile(rf"^[ \t]*(?:from|import)[ \t][^\n]*\b{re.escape(name)}\b", re.MULTILINE)


#: Every string the candidates' witnesses are made of: all the scan reads of a text.
WITNESS_STRINGS = frozenset(
    part
    for table in (CANDIDATE_METHODS, CANDIDATE_FUNCTIONS)
    for witnesses in table.values()
    for witness in witnesses
    for part in ((witness,) if isinstance(witness, str) else witness)
)


def witness_strings(text: str) -> frozenset[str]:
    """The witness strings that occur in ``text``."""
    return frozenset(string for string in WITNESS_STRINGS if string in text)


def process_context(
    module: ModuleSyntax, root: str, process_witnesses: Callable[[str], Optional[frozenset[str]]]
) -> Optional[frozenset[str]]:
    """The witness strings of the text in which process APIs may be named: the module's own,
    and that of the workspace modules it imports that import a process API
    (``process_witnesses``, ``None`` for the others: memoised by the caller, because one helper
    module is imported by many). ``None``: the module cannot reach a process API at all, and
    its analysis ends here."""
    imported = [process_witnesses(path) for path in local_import_paths(module, root)]
    found = [strings for strings in imported if strings is not None]
    if not found and not imports_process_modules(module):
        return None
    return witness_strings(module.source).union(*found)


def candidates(module: ModuleSyntax, context: frozenset[str]) -> list[Candidate]:
    """Calls worth resolving: sink method names whose receiver-making API appears in the
    module or what it imports (``context``, see :func:`process_context`), and constructor-like
    calls."""
    methods = {
        method for method, witnesses in CANDIDATE_METHODS.items() if witnessed(witnesses, context)
    }
    functions = {
        name for name, witnesses in CANDIDATE_FUNCTIONS.items() if witnessed(witnesses, context)
    }
    callables = _called_objects(module) if "__call__" in methods else frozenset()
    found: list[Candidate] = []
    aliases = _process_aliases(module)
    # A function sink is a module's function (``dask.compute``, ``mp.spawn``, ``ray.put``):
    # called by a name, or as an attribute of an imported name; ``array.compute()`` and
    # ``queue.put()`` are methods of values, which only their method candidates can be.
    imported = _imported_names(module) if functions else frozenset()
    wants_items = "__setitem__" in methods
    wants_attributes = "__setattr__" in methods
    kinds = (ast.Call, ast.Assign) if wants_items or wants_attributes else (ast.Call,)
    if "__enter__" in methods:  # ``with JobManager() as manager:`` enters the manager
        found.extend(
            Candidate(item.context_expr, "__enter__", item.context_expr, (), ())
            for node in module.nodes_of(ast.With, ast.AsyncWith) for item in node.items
        )
    for node in module.nodes_of(*kinds):
        if isinstance(node, ast.Call):
            keywords = tuple((k.arg, k.value) for k in node.keywords)
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in methods:
                found.append(Candidate(node, func.attr, func.value, tuple(node.args), keywords))
            dotted = (dotted_name(func) or "").split(".")
            name = dotted[-1]
            if name in CANDIDATE_CONSTRUCTORS or name in aliases or (
                name in functions and (len(dotted) == 1 or dotted[0] in imported)
            ):
                found.append(Candidate(node, None, None, tuple(node.args), keywords))
            if (isinstance(func, ast.Call) and _called_name(func) in callables) or (
                isinstance(func, ast.Name) and func.id in callables
            ):
                found.append(Candidate(node, "__call__", func, tuple(node.args), keywords))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if wants_items and isinstance(target, ast.Subscript):
                    found.append(
                        Candidate(node, "__setitem__", target.value, (node.value,), ())
                    )
                elif wants_attributes and isinstance(target, ast.Attribute):
                    found.append(
                        Candidate(node, "__setattr__", target.value, (node.value,), ())
                    )
    return found


def witnessed(witnesses: tuple[Witness, ...], present: frozenset[str]) -> bool:
    """Whether one of the witnesses is among the ``present`` strings (all the strings of a
    tuple)."""
    return any(
        witness in present if isinstance(witness, str) else all(w in present for w in witness)
        for witness in witnesses
    )


def _process_aliases(module: ModuleSyntax) -> frozenset[str]:
    """Local names bound by ``from multiprocessing import Pool as P`` and the like."""
    names: set[str] = set()
    for node in module.nodes_of(ast.ImportFrom):
        assert isinstance(node, ast.ImportFrom)
        if node.module and is_process_module(node.module):
            names.update(
                alias.asname for alias in node.names
                if alias.asname and alias.name in CANDIDATE_CONSTRUCTORS
            )
    return frozenset(names)


def _imported_names(module: ModuleSyntax) -> frozenset[str]:
    """The local names the module's import statements bind (relative imports included)."""
    names: set[str] = set()
    for node in module.nodes_of(ast.Import, ast.ImportFrom):
        assert isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names:
            names.add(alias.asname or alias.name.split(".")[0])
    return frozenset(names)


def _called_name(call: ast.Call) -> str:
    return (dotted_name(call.func) or "").split(".")[-1]


def _called_objects(module: ModuleSyntax) -> frozenset[str]:
    """What a call of an object may be a sink for (``Parallel(n_jobs=2)(tasks)``): the class
    names of such sinks, and the local names bound to their instances (``parallel =
    Parallel(...)``, ``with Parallel(...) as parallel``), so that not every call of a plain
    name is resolved."""
    owners = {
        witness.split(".")[-1] for witness in CANDIDATE_METHODS["__call__"]
        if isinstance(witness, str)
    }
    names: set[str] = set(owners)
    for node in module.nodes_of(ast.Assign, ast.withitem):
        value = node.value if isinstance(node, ast.Assign) else node.context_expr
        if isinstance(value, ast.Call) and _called_name(value) in owners:
            targets = node.targets if isinstance(node, ast.Assign) else [node.optional_vars]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return frozenset(names)
