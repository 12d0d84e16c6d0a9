"""Rebuilding on the other side: values that pickle but cannot be unpickled.

The receiving process rebuilds a value with what was stored, and runs the class's code to do
it: for an exception ``cls(*self.args)`` (``BaseException.__reduce__``), for other instances
``cls.__new__(cls, *newargs)`` then the state is restored, looking ``__setstate__`` up on an
instance that has no attributes yet. Code written for the first construction often fails there:

- an exception whose ``__init__`` needs more than it passed to ``super().__init__()``, or
  reads an attribute of an argument that the rebuilt call receives as a plain message;
- a ``__getattr__`` that reads ``self.<something>``: on the bare instance that lookup calls
  ``__getattr__`` again (``RecursionError``), or raises something other than AttributeError;
- a ``__new__`` that needs arguments that ``__getnewargs__`` does not provide.

A pool whose worker cannot unpickle its task dies (``BrokenProcessPool``) or hangs; a parent
that cannot rebuild a result hangs in ``Pool.map``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Optional, Union

from mp_lsp.engine.knowledge.pickling import EXCEPTION_ENDINGS, VALUE_BASES
from mp_lsp.engine.state import nearest_method
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name, own_nodes
from mp_lsp.engine.values import ClassValue

Method = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass(frozen=True)
class Failure:
    """Why rebuilding fails: a wording variant of the rule, its facts, and the method at fault."""

    variant: str
    module: ModuleSyntax
    method: Method
    facts: dict[str, object] = field(default_factory=dict, hash=False, compare=False)


def rebuild_failure(classes: list[ClassValue], library_bases: list[str]) -> Optional[Failure]:
    """Why instances of the first class of an MRO (nearest first) cannot be rebuilt, if so."""
    if not classes or nearest_method(classes, ("__reduce__", "__reduce_ex__")) is not None:
        return None
    name = classes[0].definition.node.name  # type: ignore[union-attr]
    if is_exception(library_bases):
        return _exception(classes, name)
    return _getattr(classes, name) or _new(classes, library_bases, name)


def is_exception(library_bases: list[str]) -> bool:
    return any(base.startswith("builtins.") and base.endswith(EXCEPTION_ENDINGS)
               for base in library_bases)


def _exception(classes: list[ClassValue], name: str) -> Optional[Failure]:
    found = nearest_method(classes, ("__init__",))
    if found is None:
        return None
    module, init = found
    passed = _super_init_arguments(init)
    if passed is None:
        return None  # ``args`` are the constructor's own arguments: they round-trip
    positional = (init.args.posonlyargs + init.args.args)[1:]
    required = len(positional) - len(init.args.defaults)
    keyword_only = [a.arg for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults)
                    if d is None]
    facts: dict[str, object] = {"name": name, "passed": len(passed)}
    if keyword_only:
        facts["detail"] = (f"`{keyword_only[0]}` is a required keyword-only argument, and the "
                           "rebuilt call passes none")
        return Failure("exception", module, init, facts)
    if required > len(passed):
        facts["detail"] = (f"`__init__` needs {required} arguments but passes {len(passed)} "
                           "to `super().__init__()`")
        return Failure("exception", module, init, facts)
    for parameter, argument in zip(positional, passed):
        if isinstance(argument, ast.Name) and argument.id == parameter.arg:
            continue  # passed on as received: it comes back the same
        used = _used_as_object(init, parameter.arg)
        if used is not None:
            facts["detail"] = (f"the rebuilt call gives `{parameter.arg}` what was passed to "
                               f"`super().__init__()`, and `__init__` then reads `{used}`")
            return Failure("exception", module, init, facts)
    return None


def _super_init_arguments(init: Method) -> Optional[list[ast.expr]]:
    """The positional arguments ``__init__`` passes to ``super().__init__(...)``, or ``None``
    when it does not call it (or passes ``*args``)."""
    for inner in own_nodes(init):
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr == "__init__"
            and isinstance(inner.func.value, ast.Call)
            and (dotted_name(inner.func.value.func) or "") == "super"
        ):
            if any(isinstance(a, ast.Starred) for a in inner.args):
                return None
            return list(inner.args)
    return None


def _used_as_object(function: Method, name: str) -> Optional[str]:
    """``name.attr``, ``name[...]`` or ``name(...)`` in the function: a use that needs the
    original object, not any value (formatting a message needs nothing)."""
    for inner in own_nodes(function):
        if isinstance(inner, (ast.Attribute, ast.Subscript)) and isinstance(
            inner.value, ast.Name
        ) and inner.value.id == name:
            return ast.unparse(inner)
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and (
            inner.func.id == name
        ):
            return f"{name}(...)"
    return None


def _getattr(classes: list[ClassValue], name: str) -> Optional[Failure]:
    found = nearest_method(classes, ("__getattr__",))
    if found is None:
        return None
    module, method = found
    positional = method.args.posonlyargs + method.args.args
    if not positional:
        return None
    this = positional[0].arg
    class_attributes = _class_attributes(classes)
    for statement in method.body:
        if isinstance(statement, ast.If) and _raises_attribute_error(statement.body):
            return None  # names it does not serve (dunders, private) end in AttributeError
        for inner in ast.walk(statement):
            if (
                isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name)
                and inner.value.id == this and not inner.attr.startswith("__")
                and inner.attr not in class_attributes
            ):
                return Failure("getattr", module, method, {"name": name, "attribute": inner.attr})
    return None


def _raises_attribute_error(body: list[ast.stmt]) -> bool:
    return any(
        isinstance(n, ast.Raise) and n.exc is not None
        and (dotted_name(n.exc.func if isinstance(n.exc, ast.Call) else n.exc) or "")
        .endswith("AttributeError")
        for statement in body for n in ast.walk(statement)
    )


def _class_attributes(classes: list[ClassValue]) -> set[str]:
    """Names the classes' bodies bind: found on the class even on a bare instance."""
    names: set[str] = set()
    for cls in classes:
        node = cls.definition.node
        assert isinstance(node, ast.ClassDef)
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(statement.name)
            elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
                targets = statement.targets if isinstance(statement, ast.Assign) else [
                    statement.target]
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _new(classes: list[ClassValue], library_bases: list[str], name: str) -> Optional[Failure]:
    if nearest_method(classes, ("__getnewargs__", "__getnewargs_ex__")) is not None:
        return None
    found = nearest_method(classes, ("__new__",))
    if found is None:
        return None
    module, new = found
    given = 1 if any(base in VALUE_BASES for base in library_bases) else 0
    positional = (new.args.posonlyargs + new.args.args)[1:]
    required = len(positional) - len(new.args.defaults)
    if new.args.vararg is not None or required <= given:
        return None
    return Failure("new", module, new, {"name": name, "required": required, "given": given})
