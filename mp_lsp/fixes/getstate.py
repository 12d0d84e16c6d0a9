"""MP006 on an attribute: let the class pickle without it and rebuild it in the child.

``self.conn = sqlite3.connect(path)`` cannot be pickled, but the instance can if
``__getstate__`` leaves the connection out and ``__setstate__`` opens it again. Rebuilding reuses
the assignment's own right-hand side, with each constructor parameter read back from the
attribute of the same name (``path`` → ``self.path``); when that is not possible (the value
depends on a local or on a parameter that is not kept) the fix is not offered, because setting
the attribute to ``None`` would only move the failure to the worker.
"""

from __future__ import annotations

import ast
from typing import Optional

from mp_lsp.engine.findings import Finding, LinkKind
from mp_lsp.engine.knowledge.pickling import STATE_METHODS
from mp_lsp.fixes.source import Fix, SourceFile, insert


def add_getstate(file: SourceFile, finding: Finding) -> Optional[Fix]:
    link = next(
        (c for c in reversed(finding.chain) if c.kind is LinkKind.ATTRIBUTE and c.location), None
    )
    if link is None:
        return None
    value = file.node_at(link.location, ast.expr)
    assignment = file.syntax.parent(value) if value is not None else None
    method = file.syntax.enclosing_function(value) if value is not None else None
    cls = file.syntax.enclosing_class(method) if method is not None else None
    if not (
        isinstance(assignment, (ast.Assign, ast.AnnAssign))
        and isinstance(method, ast.FunctionDef)
        and isinstance(cls, ast.ClassDef)
        and method.args.args
        and value is not None
    ):
        return None
    self_name = method.args.args[0].arg
    attribute = link.name
    targets = assignment.targets if isinstance(assignment, ast.Assign) else [assignment.target]
    if not any(_is_self_attribute(t, self_name, attribute) for t in targets):
        return None
    if _defined(cls) & STATE_METHODS or _is_frozen(cls) or not file.owns_lines(cls):
        return None
    rebuilt = _rebuild(file, value, method, self_name, attribute)
    if rebuilt is None:
        return None
    return _fix(file, cls, attribute, rebuilt)


def _fix(file: SourceFile, cls: ast.ClassDef, attribute: str, rebuilt: str) -> Fix:
    indent = file.indentation(cls.body[0].lineno)
    unit = file.indent_unit
    methods = [
        "def __getstate__(self):",
        f"{unit}state = self.__dict__.copy()",
        f'{unit}state.pop("{attribute}", None)',
        f"{unit}return state",
        "",
        "def __setstate__(self, state):",
        f"{unit}self.__dict__.update(state)",
        f"{unit}self.{attribute} = {rebuilt}",
    ]
    body = [indent + line if line else "" for line in methods]
    end = cls.end_lineno or cls.lineno
    newline = file.newline
    if end < len(file.lines):
        edit = insert(end + 1, 0, newline + newline.join(body) + newline)
    else:
        edit = insert(end, len(file.lines[end - 1]), newline * 2 + newline.join(body))
    return Fix(f"Add `__getstate__`/`__setstate__` to `{cls.name}` dropping `.{attribute}`",
               (edit,))


def _is_self_attribute(target: ast.AST, self_name: str, attribute: str) -> bool:
    return (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == self_name
        and target.attr == attribute
    )


def _defined(cls: ast.ClassDef) -> set[str]:
    names: set[str] = set()
    for statement in cls.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return names


def _is_frozen(cls: ast.ClassDef) -> bool:
    return any(
        isinstance(d, ast.Call) and any(
            k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in d.keywords
        )
        for d in cls.decorator_list
    )


def _rebuild(
    file: SourceFile, value: ast.expr, method: ast.FunctionDef, self_name: str, attribute: str
) -> Optional[str]:
    """The right-hand side as ``__setstate__`` can evaluate it, or ``None``."""
    if any(
        isinstance(n, (ast.Lambda, ast.NamedExpr, ast.ListComp, ast.SetComp, ast.DictComp,
                       ast.GeneratorExp, ast.Await, ast.Yield, ast.YieldFrom))
        for n in ast.walk(value)
    ):
        return None
    parameters = {a.arg for a in [*method.args.posonlyargs, *method.args.args[1:],
                                  *method.args.kwonlyargs]}
    kept = _kept_parameters(method, self_name)
    local = {
        n.id for n in ast.walk(method) if isinstance(n, ast.Name) and not isinstance(
            n.ctx, ast.Load
        )
    }

    class Rewrite(ast.NodeTransformer):
        failed = False

        def visit_Name(self, node: ast.Name) -> ast.AST:
            if node.id == self_name:
                return ast.copy_location(ast.Name("self", ast.Load()), node)
            if node.id in parameters:
                if node.id in kept and node.id != attribute:
                    return ast.copy_location(
                        ast.Attribute(ast.Name("self", ast.Load()), node.id, ast.Load()), node
                    )
                self.failed = True
            elif node.id in local or not file.is_global_name(node.id) or (
                node.id in file.guard_only_names
            ):
                self.failed = True
            return node

    rewrite = Rewrite()
    copied = ast.parse(ast.unparse(value), mode="eval").body
    new = rewrite.visit(copied)
    return None if rewrite.failed else ast.unparse(new)


def _kept_parameters(method: ast.FunctionDef, self_name: str) -> set[str]:
    """Parameters stored unchanged as ``self.<same name> = <name>`` in the method's body."""
    kept: set[str] = set()
    for statement in method.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Name):
            for target in statement.targets:
                if _is_self_attribute(target, self_name, statement.value.id):
                    kept.add(statement.value.id)
    return kept
