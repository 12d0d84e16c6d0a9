"""Lookup by name: what a definition's module-level name holds once its decorators have run.

Pickle sends a function or class *by reference*: as its module and ``__qualname__``, which the
receiving side looks up and must find to be *the same object* (``save_global`` checks this
before it writes anything). A decorator decides what the name holds:

- the definition itself (a registering or tagging decorator returns its argument);
- a wrapper function: found under the name only when ``functools.wraps``/``update_wrapper``
  copied the qualified name onto it, else it is ``outer.<locals>.wrapper`` (MP005);
- an instance of a class (``@Retry``, a decorator returning ``Command(fn)``): the instance
  pickles with its state, which holds the original function, and *that* is looked up under its
  own name and found to be the instance, not the function (MP011);
- a class made inside the decorator (a class decorator returning a subclass): a local class.

Decorators are evaluated statically, innermost first, from the code of the workspace decorator
(its ``return`` statements); a library decorator is known only from
:data:`~mp_lsp.engine.knowledge.pickling.TRANSPARENT_DECORATORS`, anything else is unknown and
stays silent.

The same reading of a decorator says what runs when a decorated method is called
(:func:`wrappers`): the wrapper, with the instance as its first argument.
"""

from __future__ import annotations

import ast
import enum
from dataclasses import dataclass
from typing import Optional, Union

from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.knowledge.pickling import NAME_COPYING_DECORATORS, TRANSPARENT_DECORATORS
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name, own_nodes
from mp_lsp.engine.values import ClassValue, FunctionValue, Site

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
Defined = Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef]


class Holds(enum.Enum):
    """What a decorated name holds, as far as pickle's lookup by name is concerned."""

    SAME = "the definition itself"  # or a wrapper that copied its qualified name
    LOCAL_WRAPPER = "a wrapper function defined inside the decorator"
    INSTANCE = "an instance of a class"
    LOCAL_CLASS = "a class defined inside the decorator"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Binding:
    """The object a decorator leaves under the name, and where it comes from."""

    holds: Holds
    #: The decorator as written (``retry``), for messages.
    decorator: str = ""
    #: The wrapper function or local class, and the function that defines it.
    inner: Optional[Defined] = None
    outer: str = ""
    module: Optional[ModuleSyntax] = None
    #: The class of the instance the name holds.
    holder: Optional[ClassValue] = None


_SAME = Binding(Holds.SAME)
_UNKNOWN = Binding(Holds.UNKNOWN)


def decorated_binding(value: Union[FunctionValue, ClassValue], inferencer: Inferencer) -> Binding:
    """What the definition's name holds after every decorator ran (innermost first)."""
    node = value.definition.node
    for decorator in reversed(getattr(node, "decorator_list", [])):
        found = _effect(decorator, value.module, inferencer)
        if found.holds is not Holds.SAME:
            return found
    return _SAME


def _effect(decorator: ast.expr, module: ModuleSyntax, inferencer: Inferencer) -> Binding:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    shown = dotted_name(target) or ""
    if shown.split(".")[-1] in TRANSPARENT_DECORATORS:
        return _SAME
    effects = []
    for found in inferencer.values(Site(module, target)):
        if isinstance(found, FunctionValue) and isinstance(found.definition.node, _FUNCTIONS):
            function = found.definition.node
            if isinstance(decorator, ast.Call):  # a factory: what it returns decorates
                effects.append(_factory(function, found.module, shown, inferencer))
            else:
                effects.append(_applied(function, found.module, shown, inferencer, 0))
        elif isinstance(found, ClassValue):
            if isinstance(decorator, ast.Call):  # an instance decorates through __call__
                call = _method(found, "__call__")
                effects.append(
                    _applied(call, found.module, shown, inferencer, 1) if call else _UNKNOWN
                )
            else:
                effects.append(Binding(Holds.INSTANCE, shown, holder=found))
        else:
            effects.append(_UNKNOWN)
    return _agreed(effects)


def _factory(
    factory: Union[ast.FunctionDef, ast.AsyncFunctionDef], module: ModuleSyntax, shown: str,
    inferencer: Inferencer,
) -> Binding:
    """The effect of the decorator a factory returns (``def timed(label): ... return deco``)."""
    inner = _inner_definitions(factory)
    effects = []
    for returned in _returned(factory):
        decorator = inner.get(returned.id) if isinstance(returned, ast.Name) else None
        if isinstance(decorator, _FUNCTIONS):
            effects.append(_applied(decorator, module, shown, inferencer, 0))
        else:
            effects.append(_UNKNOWN)
    return _agreed(effects)


def _applied(
    decorator: Union[ast.FunctionDef, ast.AsyncFunctionDef], module: ModuleSyntax, shown: str,
    inferencer: Inferencer, parameter: int,
) -> Binding:
    """What applying a decorator function to a definition returns, from its ``return``s."""
    positional = decorator.args.posonlyargs + decorator.args.args
    if len(positional) <= parameter:
        return _UNKNOWN
    received = positional[parameter].arg
    inner = _inner_definitions(decorator)
    copies = _copies_name(decorator)
    effects = []
    for returned in _returned(decorator):
        if isinstance(returned, ast.Name) and returned.id == received:
            effects.append(_SAME)
        elif isinstance(returned, ast.Name) and returned.id in inner:
            defined = inner[returned.id]
            if isinstance(defined, ast.ClassDef):
                effects.append(Binding(Holds.LOCAL_CLASS, shown, defined, decorator.name, module))
            elif copies or _copies_name(defined):
                effects.append(_SAME)
            else:
                effects.append(
                    Binding(Holds.LOCAL_WRAPPER, shown, defined, decorator.name, module)
                )
        elif isinstance(returned, ast.Call) and _is_name_copying(returned.func):
            effects.append(_SAME)  # ``return functools.update_wrapper(wrapper, fn)``
        elif isinstance(returned, ast.Call):
            classes = [v for v in inferencer.values(Site(module, returned.func))
                       if isinstance(v, ClassValue)]
            effects.append(
                Binding(Holds.INSTANCE, shown, holder=classes[0]) if classes else _UNKNOWN
            )
        else:
            effects.append(_UNKNOWN)
    return _agreed(effects)


def wrappers(
    method: Union[ast.FunctionDef, ast.AsyncFunctionDef], module: ModuleSyntax,
    inferencer: Inferencer,
) -> list[tuple[Union[ast.FunctionDef, ast.AsyncFunctionDef], ModuleSyntax]]:
    """The workspace functions that run in a decorated method's place when it is called, each
    with its module: the function a decorator defines and returns (``def wrapper(self, *args)``,
    which may store ``self._db = sqlite3.connect(...)`` before it calls the method), or for a
    factory (``@retry(3)``) the one that the decorator it returns defines and returns."""
    found = []
    for decorator in method.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if (dotted_name(target) or "").split(".")[-1] in TRANSPARENT_DECORATORS:
            continue
        for value in inferencer.values(Site(module, target)):
            if not isinstance(value, FunctionValue) or not isinstance(
                value.definition.node, _FUNCTIONS
            ):
                continue
            outer = value.definition.node
            applied = _returned_functions(outer) if isinstance(decorator, ast.Call) else [outer]
            found += [(inner, value.module) for deco in applied
                      for inner in _returned_functions(deco)]
    return found


def _returned_functions(
    function: ast.AST,
) -> list[Union[ast.FunctionDef, ast.AsyncFunctionDef]]:
    """The functions ``function`` defines and returns (``return wrapper``, or
    ``return functools.update_wrapper(wrapper, fn)``)."""
    inner = _inner_definitions(function)
    found = []
    for returned in _returned(function):
        if isinstance(returned, ast.Call) and _is_name_copying(returned.func) and returned.args:
            returned = returned.args[0]
        defined = inner.get(returned.id) if isinstance(returned, ast.Name) else None
        if isinstance(defined, _FUNCTIONS):
            found.append(defined)
    return found


def _agreed(effects: list[Binding]) -> Binding:
    """One effect for several candidates (decorator values, return statements): theirs when
    they agree on what the name holds, else unknown."""
    if not effects or any(e.holds is not effects[0].holds for e in effects):
        return _UNKNOWN
    return effects[0]


def _returned(function: ast.AST) -> list[ast.expr]:
    return [n.value for n in own_nodes(function) if isinstance(n, ast.Return) and n.value]


def _inner_definitions(function: ast.AST) -> dict[str, Defined]:
    """The functions and classes a function defines in its own body (under ifs and trys too,
    not inside them)."""
    found: dict[str, Defined] = {}
    pending = list(getattr(function, "body", []))
    while pending:
        statement = pending.pop()
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.setdefault(statement.name, statement)
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            pending.extend(getattr(statement, field, []))
    return found


def _copies_name(function: ast.AST) -> bool:
    """Whether ``wraps``/``update_wrapper`` is applied to or inside ``function``."""
    decorators = getattr(function, "decorator_list", [])
    if any(_is_name_copying(d.func if isinstance(d, ast.Call) else d) for d in decorators):
        return True
    return any(isinstance(n, ast.Call) and _is_name_copying(n.func) for n in own_nodes(function))


def _is_name_copying(func: ast.expr) -> bool:
    if isinstance(func, ast.Call):  # ``functools.wraps(fn)(wrapper)``
        func = func.func
    return (dotted_name(func) or "").split(".")[-1] in NAME_COPYING_DECORATORS


def _method(cls: ClassValue, name: str) -> Optional[Union[ast.FunctionDef, ast.AsyncFunctionDef]]:
    node = cls.definition.node
    assert isinstance(node, ast.ClassDef)
    return next((m for m in node.body if isinstance(m, _FUNCTIONS) and m.name == name), None)
