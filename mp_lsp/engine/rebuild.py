"""Rebuilding on the other side: values that pickle but cannot be unpickled.

The receiving process rebuilds a value with what was stored, and runs the class's code to do
it: for an exception ``cls(*self.args)`` (``BaseException.__reduce__``), for other instances
``cls.__new__(cls, *newargs)`` then the state is restored, looking ``__setstate__`` up on an
instance that has no attributes yet. Code written for the first construction often fails there:

- an exception whose ``__init__`` needs more than it passed to ``super().__init__()``, or
  reads an attribute of an argument that the rebuilt call receives as a plain message;
- a ``__getattr__`` that reads ``self.<something>``: on the bare instance that lookup calls
  ``__getattr__`` again (``RecursionError``), or raises something other than AttributeError;
- a ``__new__`` that needs arguments that ``__getnewargs__`` does not provide;
- a ``tzinfo`` subclass whose ``__init__`` needs arguments, rebuilt as ``cls()`` when it has
  no ``__getinitargs__``;
- a ``__setstate__`` of a class with ``__slots__`` (and no ``__getstate__``) that reads its
  state as a dict: the default state of a slotted instance is ``(dict or None, slots)``;
- an Enum member, rebuilt by value as ``cls(value)`` (``Enum.__reduce_ex__``, Python 3.11 to
  3.13 at least), whose value is rebuilt as a new object that equals no member's: a bare
  ``object()``, a ``functools.partial``, an instance of a class without ``__eq__``.

A pool whose worker cannot unpickle its task dies (``BrokenProcessPool``) or hangs; a parent
that cannot rebuild a result hangs in ``Pool.map``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import Callable, Optional, Union

from mp_lsp.engine.findings import Location
from mp_lsp.engine.knowledge.pickling import (
    BY_VALUE_ENUM_BASES,
    CALL_REBUILT_BASES,
    EXCEPTION_ENDINGS,
    VALUE_BASES,
)
from mp_lsp.engine.state import nearest_method
from mp_lsp.engine.syntax import ModuleSyntax, dotted_name, own_nodes, string_constant
from mp_lsp.engine.values import ClassValue

Method = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass(frozen=True)
class Failure:
    """Why rebuilding fails: a wording variant of the rule, its facts, and the statement at
    fault (a method, or an Enum member's assignment), named ``attribute`` on its class."""

    variant: str
    module: ModuleSyntax
    node: Union[Method, ast.Assign]
    facts: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def attribute(self) -> str:
        if isinstance(self.node, ast.Assign):
            target = self.node.targets[0]
            return target.id if isinstance(target, ast.Name) else "?"
        return self.node.name

    @property
    def culprit(self) -> Location:
        """Where the finding points: the method's head, or the member's assignment."""
        if isinstance(self.node, ast.Assign):
            return self.module.location(self.node)
        return self.module.header_location(self.node)


#: What makes a value, rebuilt from its pickle, unequal to the original (a description, such
#: as "a `functools.partial`, equal only to itself"), or None when it compares equal: the
#: judge answers, with inference.
Unequal = Callable[[ModuleSyntax, ast.expr], Optional[str]]


def rebuild_failure(
    classes: list[ClassValue], library_bases: list[str], made_by: Optional[ast.Call] = None,
    member: Optional[str] = None, unequal: Optional[Unequal] = None,
) -> Optional[Failure]:
    """Why instances of the first class of an MRO (nearest first) cannot be rebuilt, if so;
    ``made_by`` is the call that built the instance, when the code shows it; ``member`` the
    Enum member it is, when known (else any member may be it); ``unequal`` judges an Enum
    member's value."""
    if not classes or nearest_method(classes, ("__reduce__", "__reduce_ex__")) is not None:
        return None
    name = classes[0].definition.node.name  # type: ignore[union-attr]
    if is_exception(library_bases):
        return _exception(classes, name, made_by,
                          all(base.startswith("builtins.") for base in library_bases))
    if unequal is not None and library_bases and set(library_bases) <= BY_VALUE_ENUM_BASES:
        return _enum_member(classes, name, member, unequal)
    called = next((b for b in library_bases if b in CALL_REBUILT_BASES), None)
    if called is not None:
        return _called_without_arguments(classes, name, called)
    return _getattr(classes, name) or _new(classes, library_bases, name) or (
        None if library_bases else _slotted_state(classes, name))


def _enum_member(
    classes: list[ClassValue], name: str, member: Optional[str], unequal: Unequal
) -> Optional[Failure]:
    """``Enum.__reduce_ex__`` sends ``(cls, (self._value_,))``: the other side finds the member
    by value, which fails when the rebuilt value equals no member's. A class that sets
    ``_value_`` itself (``__new__``) or looks values up its own way (``_missing_``) is trusted."""
    if nearest_method(classes, ("__new__", "_missing_")) is not None:
        return None
    for cls in classes:
        for statement in cls.definition.node.body:  # type: ignore[union-attr]
            if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)):
                continue
            key = statement.targets[0].id
            if key.startswith("_") or (member is not None and key != member):
                continue
            reason = unequal(cls.module, statement.value)
            if reason is not None:
                return Failure("enum", cls.module, statement,
                               {"name": name, "member": key, "reason": reason})
    return None


def is_exception(library_bases: list[str]) -> bool:
    return any(base.startswith("builtins.") and base.endswith(EXCEPTION_ENDINGS)
               for base in library_bases)


#: ``args`` still holds what the constructor call passed by position: ``BaseException.__new__``
#: stores them, and no ``__init__`` on the way replaces them.
_CALL_ARGUMENTS = "call"
#: The base whose ``__init__`` is called is another library's (``json.JSONDecodeError``).
_UNKNOWN_BASE = -1
#: How deep a chain of ``__init__`` calls into bases is followed.
_MAX_INIT_CHAIN = 8


@dataclass(frozen=True)
class _Stored:
    """What the construction leaves in ``args``: the arguments an ``__init__`` handed to the
    library base's ``__init__`` (``written`` is how it was called, ``super().__init__()`` or
    ``Exception.__init__()``), or :data:`_CALL_ARGUMENTS`."""

    arguments: Union[list[ast.expr], str]
    written: str = ""
    #: Whether the arguments are those of the nearest ``__init__`` itself (not of a base's).
    direct: bool = True


def _exception(
    classes: list[ClassValue], name: str, made_by: Optional[ast.Call], builtin_bases: bool
) -> Optional[Failure]:
    """``BaseException.__reduce__`` rebuilds ``cls(*self.args)``: a failure when those
    arguments do not fit the nearest ``__init__``, or mean something else to it.
    ``builtin_bases``: the library bases are the built-in exceptions, whose ``__init__``
    stores what it is given (another library's may store something else)."""
    found = nearest_method(classes, ("__init__",))
    if found is None:
        return None
    module, init = found
    stored = _stored(classes, _owner(classes, init), init, builtin_bases, 0)
    if stored is None:
        return None  # the code does not show what ``args`` holds: trust it
    positional, required = _parameters(init)
    keyword_only = _required_keywords(init)
    facts: dict[str, object] = {"name": name}
    if keyword_only:
        facts["detail"] = (f"`{keyword_only[0]}` is a required keyword-only argument, and the "
                           "rebuilt call passes none")
        return Failure("exception", module, init, facts)
    if stored.arguments == _CALL_ARGUMENTS:
        if made_by is None or any(isinstance(a, ast.Starred) for a in made_by.args) or any(
            k.arg is None for k in made_by.keywords
        ):
            return None  # ``args`` are the call's own arguments: they round-trip
        given = len(made_by.args)
        if given >= required or not made_by.keywords:
            return None
        keywords = ", ".join(f"`{k.arg}=`" for k in made_by.keywords)
        facts["detail"] = (f"`args` keeps only what the call that made it passed by position "
                           f"({given}; {keywords} went by keyword), and `__init__` needs "
                           f"{required}")
        return Failure("exception", module, init, facts)
    passed = stored.arguments
    assert isinstance(passed, list)
    count = _count(passed, required)
    held = (f"`args` holds the {count} {_arguments(count)} "
            f"{'`__init__`' if stored.direct else 'its base'} passes to `{stored.written}`")
    if required > count:
        facts["detail"] = f"{held}, and `__init__` needs {required}"
        return Failure("exception", module, init, facts)
    if count > len(positional) and init.args.vararg is None:
        facts["detail"] = f"{held}, and `__init__` takes {len(positional)}"
        return Failure("exception", module, init, facts)
    if not stored.direct or any(isinstance(a, ast.Starred) for a in passed):
        return None
    for parameter, argument in zip(positional, passed):
        if isinstance(argument, ast.Name) and argument.id == parameter.arg:
            continue  # passed on as received: it comes back the same
        used = _used_as_object(init, parameter.arg)
        if used is not None:
            facts["detail"] = (f"the rebuilt call gives `{parameter.arg}` what was passed to "
                               f"`{stored.written}`, and `__init__` then reads `{used}`")
            return Failure("exception", module, init, facts)
    return None


def _parameters(method: Method) -> tuple[list[ast.arg], int]:
    """A method's positional parameters after its first (``self``, ``cls``), and how many of
    them have no default."""
    positional = (method.args.posonlyargs + method.args.args)[1:]
    return positional, len(positional) - len(method.args.defaults)


def _required_keywords(method: Method) -> list[str]:
    """The keyword-only parameters without a default."""
    return [a.arg for a, d in zip(method.args.kwonlyargs, method.args.kw_defaults) if d is None]


def _arguments(count: int) -> str:
    return "argument" if count == 1 else "arguments"


def _count(passed: list[ast.expr], required: int) -> int:
    """How many arguments a call hands on; a ``*xs`` of unknown length counts as enough."""
    if any(isinstance(a, ast.Starred) for a in passed):
        return max(required, len(passed))
    return len(passed)


def _owner(classes: list[ClassValue], method: Method) -> int:
    """The index of the class whose body defines ``method``."""
    return next(i for i, cls in enumerate(classes)
                if method in cls.definition.node.body)  # type: ignore[union-attr]


def _stored(
    classes: list[ClassValue], owner: int, init: Method, builtin_bases: bool, depth: int
) -> Optional[_Stored]:
    """What ``args`` holds once ``init`` (defined by ``classes[owner]``) has run: it follows
    the call into a base's ``__init__`` (``super().__init__(...)``, ``Base.__init__(self,
    ...)``) through the workspace's classes to the library's, which stores what it gets."""
    if any(isinstance(n, (ast.Assign, ast.AugAssign)) and any(
        isinstance(t, ast.Attribute) and t.attr == "args"
        for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
    ) for n in own_nodes(init)):
        return None  # ``self.args = ...``: set by hand
    call = _base_init_call(classes, owner, init)
    if call is None:
        return _Stored(_CALL_ARGUMENTS)
    after, passed, written = call
    if after == _UNKNOWN_BASE:
        return None  # another library's class: what its ``__init__`` stores is unknown
    if any(isinstance(a, ast.Starred) for a in passed) and not _forwards_own_varargs(
        init, passed
    ):
        return None
    found = nearest_method(classes[after:], ("__init__",)) if after is not None else None
    if found is None:
        # a built-in exception's ``__init__`` stores what it is given
        return _Stored(passed, written) if builtin_bases else None
    if depth >= _MAX_INIT_CHAIN:
        return None
    base_init = found[1]
    inner = _stored(classes, _owner(classes, base_init), base_init, builtin_bases, depth + 1)
    if inner is None:
        return None
    starred = any(isinstance(a, ast.Starred) for a in passed)
    if inner.arguments == _CALL_ARGUMENTS:
        # The base's ``__init__`` leaves ``args`` alone: the constructor call's, as before.
        return _Stored(_CALL_ARGUMENTS) if not starred else None
    assert isinstance(inner.arguments, list)
    if not starred and len(base_init.args.posonlyargs + base_init.args.args) == 1 and (
        _forwards_own_varargs(base_init, inner.arguments)
    ):
        return _Stored(passed, inner.written, direct=False)  # the base hands them on as given
    return replace(inner, direct=False)


def _forwards_own_varargs(init: Method, passed: list[ast.expr]) -> bool:
    """``super().__init__(*args)`` of ``__init__(self, *args)``: the call's own arguments."""
    vararg = init.args.vararg
    return vararg is not None and len(passed) == 1 and isinstance(passed[0], ast.Starred) and (
        isinstance(passed[0].value, ast.Name) and passed[0].value.id == vararg.arg
    )


def _base_init_call(
    classes: list[ClassValue], owner: int, init: Method
) -> Optional[tuple[Optional[int], list[ast.expr], str]]:
    """The call of a base's ``__init__`` in ``init``: the index in ``classes`` from which the
    next ``__init__`` is looked up (``None`` for a built-in exception's, ``Exception.__init__``),
    the arguments it passes, and how it is written."""
    positional = init.args.posonlyargs + init.args.args
    this = positional[0].arg if positional else None
    for inner in own_nodes(init):
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                and inner.func.attr == "__init__"):
            continue
        target = inner.func.value
        if isinstance(target, ast.Call) and (dotted_name(target.func) or "") == "super":
            return owner + 1, list(inner.args), "super().__init__()"
        named = dotted_name(target)
        if named is None or not inner.args or not (
            isinstance(inner.args[0], ast.Name) and inner.args[0].id == this
        ):
            continue
        index = next((i for i, cls in enumerate(classes) if i > owner
                      and cls.definition.node.name == named), None)  # type: ignore[union-attr]
        if index is None and ("." in named or not named.endswith(EXCEPTION_ENDINGS)):
            return _UNKNOWN_BASE, list(inner.args[1:]), f"{named}.__init__()"
        return index, list(inner.args[1:]), f"{named}.__init__()"
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


def _called_without_arguments(
    classes: list[ClassValue], name: str, base: str
) -> Optional[Failure]:
    """A class rebuilt as ``cls(*self.<method>())`` (:data:`CALL_REBUILT_BASES`): without that
    method it is called with no arguments, which an ``__init__`` that needs some refuses."""
    method = CALL_REBUILT_BASES[base]
    if nearest_method(classes, (method,)) is not None:
        return None
    found = nearest_method(classes, ("__init__",))
    if found is None:
        return None
    module, init = found
    required = _parameters(init)[1]
    if required <= 0 and not _required_keywords(init):
        return None
    short = base.rsplit(".", 1)[-1]
    needed = f"{required} {_arguments(required)}" if required else "keyword-only arguments"
    return Failure("called", module, init,
                   {"name": name, "base": short, "method": method, "needed": needed})


#: Methods only a mapping has: a state read with one is taken for a dict.
_MAPPING_METHODS = frozenset(
    {"items", "keys", "values", "get", "setdefault", "update", "pop", "popitem", "copy"}
)


def _slotted_state(classes: list[ClassValue], name: str) -> Optional[Failure]:
    """The default ``__getstate__`` of an instance with slots (``copyreg``'s before 3.11)
    returns ``(its __dict__ or None, {slot: value})``, and pickle hands that tuple to
    ``__setstate__``: one that reads it as a dict fails in the receiving process."""
    if nearest_method(classes, ("__getstate__",)) is not None or not any(
        _declares_slots(cls) for cls in classes
    ):
        return None
    found = nearest_method(classes, ("__setstate__",))
    if found is None:
        return None
    module, method = found
    positional = _parameters(method)[0]
    use = _read_as_mapping(method, positional[0].arg) if positional else None
    if use is None:
        return None
    return Failure("slots", module, method, {"name": name, "use": use})


def _declares_slots(cls: ClassValue) -> bool:
    """Whether the class body gives instances slots (``__slots__`` naming one besides
    ``__dict__`` and ``__weakref__``)."""
    for statement in cls.definition.node.body:  # type: ignore[union-attr]
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__slots__" for t in statement.targets
        ):
            value = statement.value
            names = [string_constant(e) for e in value.elts] if isinstance(
                value, (ast.Tuple, ast.List)) else [string_constant(value)]
            return any(n is None or n not in {"__dict__", "__weakref__"} for n in names)
    return False


def _read_as_mapping(method: Method, state: str) -> Optional[str]:
    """How ``method`` reads its ``state`` parameter as a dict (``state.items()``,
    ``state["x"]``, ``d.update(state)``, ``**state``), unless it looks at the state's shape
    first (``isinstance``, ``len``, an index) or binds the name again."""
    def is_state(node: ast.AST) -> bool:
        return isinstance(node, ast.Name) and node.id == state

    nodes = own_nodes(method)
    for node in nodes:
        if isinstance(node, ast.Name) and node.id == state and isinstance(node.ctx, ast.Store):
            return None
        if isinstance(node, ast.Call) and (dotted_name(node.func) or "") in {
            "isinstance", "type", "len"
        } and any(is_state(a) for a in node.args):
            return None
        if isinstance(node, ast.Subscript) and is_state(node.value) and not (
            string_constant(node.slice) is not None
        ):
            return None
    for node in nodes:
        if isinstance(node, ast.Attribute) and is_state(node.value) and (
            node.attr in _MAPPING_METHODS
        ):
            return f"`{state}.{node.attr}()`"
        if isinstance(node, ast.Subscript) and is_state(node.value):
            return f"`{state}[{ast.unparse(node.slice)}]`"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
            node.func.attr == "update" and any(is_state(a) for a in node.args)
        ):
            return f"`{ast.unparse(node.func)}({state})`"
        if isinstance(node, ast.Call) and any(k.arg is None and is_state(k.value)
                                              for k in node.keywords):
            return f"`**{state}`"
        if isinstance(node, ast.Dict) and any(k is None and is_state(v)
                                              for k, v in zip(node.keys, node.values)):
            return f"`**{state}`"
    return None


def _new(classes: list[ClassValue], library_bases: list[str], name: str) -> Optional[Failure]:
    if nearest_method(classes, ("__getnewargs__", "__getnewargs_ex__")) is not None:
        return None
    found = nearest_method(classes, ("__new__",))
    if found is None:
        return None
    module, new = found
    given = 1 if any(base in VALUE_BASES for base in library_bases) else 0
    required = _parameters(new)[1]
    if new.args.vararg is not None or required <= given:
        return None
    return Failure("new", module, new, {"name": name, "required": required, "given": given})
