"""MP010: move a notebook's function or class into a module file beside the notebook.

The children of spawn and forkserver import modules by name, never the kernel's ``__main__``,
so the definition goes to ``<notebook>_workers.py`` (appended when the file exists, created
otherwise) with the imports it uses, and its cell imports it back in its place: other cells
keep using the same name.

Offered only for a definition at the top level of its cell whose every other name (in its
body, decorators, defaults, bases and annotations) is a builtin or bound by a top-level import
of the notebook, which the module can repeat; a variable or another definition of the notebook
would not exist in the module.
"""

from __future__ import annotations

import ast
import builtins
import os
import re
from typing import Optional

from mp_lsp.engine.findings import Finding, Span
from mp_lsp.fixes.source import Fix, NewCode, SourceFile, TextEdit, loaded_names

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_BUILTINS = frozenset(dir(builtins))
#: What the module beside a notebook is called: ``<notebook>_workers.py``.
MODULE_SUFFIX = "_workers"


def module_name(notebook_path: str) -> str:
    """The importable name of the module that holds a notebook's moved definitions."""
    stem = os.path.splitext(os.path.basename(notebook_path))[0]
    name = re.sub(r"\W", "_", stem) or "notebook"
    if name[0].isdigit():
        name = f"nb_{name}"
    return f"{name}{MODULE_SUFFIX}"


def move_to_module_file(file: SourceFile, finding: Finding) -> Optional[Fix]:
    if not file.syntax.is_notebook:
        return None
    node = file.definition_at(finding.culprit)
    if not isinstance(node, _DEFINITIONS) or node not in file.tree.body:
        return None
    if getattr(node, "type_params", None) or not file.owns_lines(node):
        return None
    table = file.scope_table(node)
    if table is None:
        return None
    imports = _imports_by_name(file)
    used = (file.global_reads(table) | loaded_names(_evaluated_at_definition(node))) - {
        node.name
    }
    needed: list[str] = []
    for name in sorted(used):
        if name in imports:
            if imports[name] not in needed:
                needed.append(imports[name])
        elif name not in _BUILTINS or name in file.module_names:
            return None  # a variable or definition of the notebook: the module has none
    text = file.reindented(node, "")
    if text is None:
        return None
    module = module_name(file.path)
    code = "".join(f"{line}\n" for line in needed) + ("\n\n" if needed else "") + text
    first, last = file.first_line(node), node.end_lineno or node.lineno
    indent = file.indentation(first)
    span = Span(first, 0, last, len(file.lines[last - 1]))
    return Fix(
        f"Move `{node.name}` to {module}.py beside the notebook and import it",
        (TextEdit(span, f"{indent}from {module} import {node.name}"),),
        preferred=False,
        files=(NewCode(f"{module}.py", code.replace("\n", file.newline)),),
    )


def _evaluated_at_definition(node: ast.AST) -> list[ast.AST]:
    """What runs when the ``def``/``class`` statement runs: decorators, defaults, bases,
    keywords and annotations (the body is in the symbol table)."""
    found: list[ast.AST] = [*getattr(node, "decorator_list", [])]
    if isinstance(node, ast.ClassDef):
        found.extend([*node.bases, *node.keywords])
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        arguments = node.args
        found.extend(d for d in [*arguments.defaults, *arguments.kw_defaults] if d is not None)
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                 arguments.vararg, arguments.kwarg]
        found.extend(a.annotation for a in every if a is not None and a.annotation is not None)
        if node.returns is not None:
            found.append(node.returns)
    return found


def _imports_by_name(file: SourceFile) -> dict[str, str]:
    """The names bound by the notebook's top-level absolute imports, each with the one-name
    import statement that binds it the same way in another module."""
    found: dict[str, str] = {}
    bound_elsewhere: set[str] = set()
    for statement in file.tree.body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                bound = alias.asname or alias.name.split(".")[0]
                as_text = f" as {alias.asname}" if alias.asname else ""
                found.setdefault(bound, f"import {alias.name}{as_text}")
        elif isinstance(statement, ast.ImportFrom) and statement.level == 0 and statement.module:
            for alias in statement.names:
                if alias.name == "*":
                    continue
                bound = alias.asname or alias.name
                as_text = f" as {alias.asname}" if alias.asname else ""
                found.setdefault(bound, f"from {statement.module} import {alias.name}{as_text}")
        else:
            bound_elsewhere.update(_assigned(statement))
    # A name the notebook also assigns may hold something else by the time the cell runs.
    return {name: line for name, line in found.items() if name not in bound_elsewhere}


def _assigned(statement: ast.stmt) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, _DEFINITIONS):
            names.add(node.name)
    return names
