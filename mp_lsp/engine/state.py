"""The reduce protocol: what pickle stores for an instance of a workspace class.

``object.__reduce_ex__`` stores the class (by reference) and the instance's state: its
``__dict__`` (and slots), or what ``__getstate__`` returns. A class can take over with
``__reduce__``/``__reduce_ex__``, which return ``(callable, args[, state, ...])``: the callable
is pickled (by reference), then the arguments, then the state. This module reads those methods
where the code shows what they return, so that the judge looks at exactly the values pickle
sends:

- ``state = self.__dict__.copy(); del state["lock"]; return state`` drops ``lock``;
  ``dict(self.__dict__)`` and ``return self.__dict__`` keep everything;
- ``return {"dsn": self.dsn}`` and ``return (self.name, self.reading)`` keep those attributes;
- ``return (LogReader, (self.path,))`` sends the class and ``path``; a lambda there is sent too.

A method whose result the code does not show (a call, a computed value) is trusted: the judge
then says nothing about the instance's state.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional, Union

from mp_lsp.engine.findings import ChainLink, LinkKind
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name, own_nodes, string_constant
from mp_lsp.engine.values import ClassValue, Site

Method = Union[ast.FunctionDef, ast.AsyncFunctionDef]
#: Calls that copy a mapping they are given (``dict(self.__dict__)``, ``copy.copy(...)``).
_COPIES = frozenset({"dict", "copy", "deepcopy"})


@dataclass(frozen=True)
class State:
    """What pickle stores for an instance besides its class."""

    #: The attributes stored (``None``: every one the instance has).
    attributes: Optional[frozenset[str]] = None
    #: Attributes left out of an otherwise complete ``__dict__``.
    dropped: frozenset[str] = frozenset()
    #: Other values sent with it: ``__reduce__``'s callable and arguments, replaced keys.
    extra: tuple[tuple[ChainLink, Site], ...] = ()

    def keeps(self, attribute: str) -> bool:
        if attribute in self.dropped:
            return False
        return self.attributes is None or attribute in self.attributes


EVERYTHING = State()


def instance_state(classes: list[ClassValue]) -> Optional[State]:
    """The state pickle stores for instances of the first class of an MRO (nearest first);
    ``None`` when a method takes over in a way the code does not show (trust it)."""
    reduce = nearest_method(classes, ("__reduce_ex__", "__reduce__"))
    if reduce is not None:
        return _reduced(*reduce)
    getstate = nearest_method(classes, ("__getstate__",))
    if getstate is not None:
        return _stored(*getstate, "__getstate__()")
    return EVERYTHING


#: The methods pickle calls to reduce an instance, in the order it looks for them.
REDUCING_METHODS = ("__reduce_ex__", "__reduce__", "__getnewargs_ex__", "__getnewargs__",
                    "__getstate__")


def refusal(classes: list[ClassValue]) -> Optional[tuple[ModuleSyntax, Method, str]]:
    """A reducing method that always raises (``def __getstate__(self): raise
    TypeError("h5py objects cannot be pickled")``): pickle calls it and fails with its error.
    The module, the method and the error as written."""
    for names in (("__reduce_ex__", "__reduce__"), ("__getnewargs_ex__", "__getnewargs__"),
                  ("__getstate__",)):
        found = nearest_method(classes, names)
        if found is None:
            continue
        module, method = found
        body = [s for s in method.body if not (
            isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        if body and isinstance(body[0], ast.Raise) and body[0].exc is not None:
            return module, method, module.segment(body[0].exc) or "an exception"
        if names[0] == "__reduce_ex__":
            return None  # a reduce that returns: what it returns decides
    return None


def nearest_method(
    classes: list[ClassValue], names: tuple[str, ...]
) -> Optional[tuple[ModuleSyntax, Method]]:
    for cls in classes:
        node = cls.definition.node
        assert isinstance(node, ast.ClassDef)
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in names:
                return cls.module, item
    return None


def _returned(method: Method) -> Optional[ast.expr]:
    """The one expression the method returns (``None`` when it has several or none)."""
    values = [n.value for n in own_nodes(method) if isinstance(n, ast.Return)]
    return values[0] if len(values) == 1 and values[0] is not None else None


def _self(method: Method) -> Optional[str]:
    positional = method.args.posonlyargs + method.args.args
    return positional[0].arg if positional else None


def _reduced(module: ModuleSyntax, method: Method) -> Optional[State]:
    """``(callable, args[, state])`` as ``__reduce__`` returns it."""
    returned = _returned(method)
    this = _self(method)
    if not isinstance(returned, ast.Tuple) or len(returned.elts) < 2 or this is None:
        return None
    callable_, args, *rest = returned.elts
    attributes: set[str] = set()
    extra: list[tuple[ChainLink, Site]] = [
        (ChainLink(LinkKind.HELD, f"{method.name} callable"), Site(module, callable_))
    ]
    elements = args.elts if isinstance(args, ast.Tuple) else [args]
    for index, element in enumerate(elements):
        attribute = _attribute_of(element, this)
        if attribute is not None:
            attributes.add(attribute)
        else:
            extra.append((ChainLink(LinkKind.HELD, f"{method.name} arg {index}"),
                          Site(module, element)))
    if rest and not (isinstance(rest[0], ast.Constant) and rest[0].value is None):
        state = _state_of(module, method, rest[0], this, f"{method.name} state")
        if state is None:
            return None
        if state.attributes is None:
            return State(None, state.dropped, (*extra, *state.extra))
        attributes |= state.attributes
        extra += state.extra
    return State(frozenset(attributes), frozenset(), tuple(extra))


def _stored(module: ModuleSyntax, method: Method, label: str) -> Optional[State]:
    returned = _returned(method)
    this = _self(method)
    if returned is None or this is None:
        return None
    return _state_of(module, method, returned, this, label)


def _state_of(
    module: ModuleSyntax, method: Method, expr: ast.expr, this: str, label: str
) -> Optional[State]:
    """The state an expression of the method stands for (``None``: not shown by the code)."""
    if isinstance(expr, ast.Name):
        bound = _only_assignment(method, expr.id)
        if bound is None or not _is_whole_dict(bound, this):
            return None
        return State(None, _dropped_keys(method, expr.id), ())
    if _is_whole_dict(expr, this):
        return EVERYTHING
    if isinstance(expr, ast.Constant) and expr.value is None:
        return State(frozenset())
    items: list[tuple[str, ast.expr]] = []
    if isinstance(expr, ast.Dict):
        if any(key is None for key in expr.keys):
            return None  # ``{**something, ...}`` that is not the instance's own dict
        items = [(repr(string_constant(k)), v) for k, v in zip(expr.keys, expr.values)]
    elif isinstance(expr, (ast.Tuple, ast.List)):
        items = [(str(i), v) for i, v in enumerate(expr.elts)]
    else:
        return None
    attributes: set[str] = set()
    extra: list[tuple[ChainLink, Site]] = []
    for key, value in items:
        attribute = _attribute_of(value, this)
        if attribute is not None:
            attributes.add(attribute)
        elif not isinstance(value, ast.Constant):
            extra.append((ChainLink(LinkKind.HELD, f"{label}[{key}]"), Site(module, value)))
    return State(frozenset(attributes), frozenset(), tuple(extra))


def _attribute_of(expr: ast.expr, this: str) -> Optional[str]:
    """``x`` for ``self.x``."""
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and (
        expr.value.id == this
    ):
        return expr.attr
    return None


def _is_whole_dict(expr: ast.expr, this: str) -> bool:
    """``self.__dict__``, ``vars(self)``, a copy of either (``dict(...)``, ``.copy()``,
    ``copy.copy(...)``), or a dict literal unpacking one and adding nothing."""
    if _attribute_of(expr, this) == "__dict__":
        return True
    if isinstance(expr, ast.Call):
        name = (dotted_name(expr.func) or "").split(".")[-1]
        if name == "vars" and len(expr.args) == 1:
            return isinstance(expr.args[0], ast.Name) and expr.args[0].id == this
        if name in _COPIES and len(expr.args) == 1 and not expr.keywords:
            return _is_whole_dict(expr.args[0], this)
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "copy" and not expr.args:
            return _is_whole_dict(expr.func.value, this)
    if isinstance(expr, ast.Dict) and len(expr.keys) == 1 and expr.keys[0] is None:
        return _is_whole_dict(expr.values[0], this)
    return False


def _only_assignment(method: Method, name: str) -> Optional[ast.expr]:
    values = [
        n.value for n in own_nodes(method)
        if isinstance(n, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in n.targets
        )
    ]
    return values[0] if len(values) == 1 else None


def _dropped_keys(method: Method, name: str) -> frozenset[str]:
    """Keys the method removes from (or overwrites with a constant in) the dict ``name``:
    ``del state["k"]``, ``state.pop("k")``, ``state["k"] = None``."""
    dropped: set[str] = set()
    for node in own_nodes(method):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Delete) or (
            isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        ):
            targets = node.targets
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "pop" and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name and node.args
        ):
            key = string_constant(node.args[0])
            if key is not None:
                dropped.add(key)
        for target in targets:
            if (
                isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                and target.value.id == name
            ):
                key = string_constant(target.slice)
                if key is not None:
                    dropped.add(key)
    return frozenset(dropped)
