"""Names by their imports: what ``DataLoader`` or ``joblib.Parallel`` stands for, read from the
module's import statements alone.

jedi knows a name's meaning only when it can load the package that defines it. In a lint-only CI
job, torch, ray or joblib are often not installed, and jedi then answers nothing for
``DataLoader(...)``. The import statement still says what the name is:
``from torch.utils.data import DataLoader`` binds ``DataLoader`` to
``torch.utils.data.DataLoader``, whatever that package holds. This module reads that (and
nothing else), so that sinks can be recognised by the name the code imports them by; verdicts
that rest on it say so.

A name that the module also binds otherwise (assigned, defined, a parameter of the same name in
the enclosing function) is not taken for the import: the import may not be what reaches the
call.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Optional

from mp_lsp.engine.syntax import ModuleSyntax


def imported_name(module: ModuleSyntax, expr: ast.expr) -> Optional[str]:
    """The dotted name an expression refers to through the module's imports
    (``DataLoader`` → ``torch.utils.data.DataLoader``, ``tud.DataLoader`` →
    ``torch.utils.data.DataLoader`` after ``import torch.utils.data as tud``), or ``None``."""
    parts: list[str] = []
    node = expr
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    bound = _import_bindings(module).get(node.id)
    if bound is None or node.id in _other_bindings(module):
        return None
    return ".".join([bound, *reversed(parts)])


@lru_cache(maxsize=64)
def _import_bindings(module: ModuleSyntax) -> dict[str, str]:
    """Local name → the absolute dotted name an import binds it to."""
    bindings: dict[str, str] = {}
    for node in module.nodes_of(ast.Import, ast.ImportFrom):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bindings[alias.asname] = alias.name
                else:  # ``import a.b`` binds ``a``
                    top = alias.name.split(".")[0]
                    bindings[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if alias.name != "*":
                    bindings[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bindings


@lru_cache(maxsize=64)
def _other_bindings(module: ModuleSyntax) -> frozenset[str]:
    """Names the module binds by other means than an import."""
    names: set[str] = set()
    for node in module.nodes_of(ast.Name, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                ast.arg):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store):
                names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        else:
            names.add(node.name)  # type: ignore[union-attr]
    return frozenset(names)
