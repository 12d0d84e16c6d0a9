"""The value model: what an expression can be, as far as pickling cares.

jedi answers "what type is this?"; pickling also asks "where was it defined?" and "what does
this container or instance hold?". So each expression becomes a small :data:`Value`: a function
or class with its :class:`~mp_lsp.engine.syntax.Definition`, an instance of a workspace class
(with the call that built it, to bind constructor arguments), a library instance by its fully
qualified name, the known items of a container, a bound method, a ``functools.partial``, ...
Values are plain frozen data; :mod:`mp_lsp.engine.inference` makes them and
:mod:`mp_lsp.engine.judge` decides about them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional, Union

from mp_lsp.engine.findings import ChainLink
from mp_lsp.engine.syntax import Definition, ModuleSyntax


@dataclass(frozen=True)
class Site:
    """An expression in a parsed module: the unit inference works on."""

    module: ModuleSyntax
    node: ast.expr

    @property
    def text(self) -> str:
        return self.module.segment(self.node) or "<expression>"


@dataclass(frozen=True)
class _Defined:
    """A function or class defined by a statement of a workspace module."""

    module: ModuleSyntax
    definition: Definition


class FunctionValue(_Defined):
    """A function or lambda: pickled by reference, so where it is defined is what matters."""


class ClassValue(_Defined):
    """A class: pickled by reference, like a function."""


@dataclass(frozen=True)
class FactoryClassValue:
    """A class made by a call such as ``namedtuple("Point", ...)`` and bound to ``name``."""

    module: ModuleSyntax
    assignment: ast.stmt
    name: str
    typename: Optional[str]
    #: The factory's name (``namedtuple``, ``Enum``, ``type``...).
    factory: str


@dataclass(frozen=True)
class InstanceValue:
    """An instance of a workspace class; ``constructor`` is the call that built it, if seen."""

    cls: Union[ClassValue, FactoryClassValue]
    constructor: Optional[Site] = None
    #: The instance a method of its class runs on (the method's ``self``): it holds what a
    #: framework sets on it while running it, as a test case holds its runner's result.
    running: bool = False
    #: The Enum member it is (``Color.RED``), when the code names one.
    member: Optional[str] = None


@dataclass(frozen=True)
class LibraryInstance:
    full_name: str
    #: The kind of value the serializers' tables judge it as, when its type alone does not
    #: tell (a file opened for reading or for writing is the same type).
    kind: Optional[str] = None


@dataclass(frozen=True)
class ModuleObject:
    name: str


@dataclass(frozen=True)
class Items:
    """A container whose pickled items are known expressions, each with a chain label."""

    kind: str
    items: tuple[tuple[ChainLink, Site], ...]


@dataclass(frozen=True)
class BoundMethod:
    instance: Site
    function: FunctionValue


@dataclass(frozen=True)
class ManagerProxy:
    """A proxy made by a ``Manager()``: pickles everywhere, whatever jedi's stub says."""

    name: str


@dataclass(frozen=True)
class Opaque:
    """Something picklable or unknown: either way, nothing to report."""


Value = Union[
    FunctionValue, ClassValue, FactoryClassValue, InstanceValue, LibraryInstance, ModuleObject,
    Items, BoundMethod, ManagerProxy, Opaque,
]
OPAQUE = Opaque()
