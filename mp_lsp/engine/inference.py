"""What an expression can be: jedi's inference, completed by the syntax that created the value.

Each expression becomes a list of :data:`~mp_lsp.engine.values.Value` objects: jedi says what
type a name has, and the syntax that bound it says where a function or class was defined and
what a container or instance holds. Nothing here decides picklability
(:mod:`mp_lsp.engine.judge` does), and nothing here calls jedi directly
(:class:`~mp_lsp.engine.project.Project` does).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Optional, Union

from mp_lsp.engine.budget import Budget
from mp_lsp.engine.findings import ChainLink, LinkKind
from mp_lsp.engine.knowledge import library_types
from mp_lsp.engine.knowledge.pickling import (
    CLASS_FACTORIES,
    ENUM_FACTORIES,
    PLAIN_VALUE_BASES,
    PLAIN_VALUE_CLASSES,
)
from mp_lsp.engine.knowledge.python import (
    CONTAINER_TYPES,
    DICT_TYPES,
    DICT_VIEWS,
    KEPT_ARGUMENTS,
    MAPPING_DEFAULTS,
)
from mp_lsp.engine.knowledge.serializers import CAUGHT_KINDS, MADE_KINDS, Kind
from mp_lsp.engine.knowledge.sinks import (
    MANAGER_CLASSES,
    MANAGER_PROXY_PREFIX,
    PROXY_STUBS,
    RUNNER_NAMES,
    Passed,
    sink_call_arguments,
)
from mp_lsp.engine.project import Project
from mp_lsp.engine.syntax import (
    ModuleSyntax,
    bound_arguments,
    call_argument,
    dotted_name,
    instance_parameter,
    own_nodes,
    parameter_defaults,
    receiver_parameter,
    shorten,
    stores_into,
    string_constant,
)
from mp_lsp.engine.values import (
    OPAQUE,
    BoundMethod,
    ClassValue,
    FactoryClassValue,
    FunctionValue,
    InstanceValue,
    Items,
    LibraryInstance,
    ManagerProxy,
    ModuleObject,
    Opaque,
    Site,
    Value,
)

if TYPE_CHECKING:
    from jedi.api.classes import Name

#: jedi answers at most this many definitions for one name; more is ambiguity, not evidence.
MAX_DEFINITIONS = 4
#: Sibling modules searched for calls of a function, at most (a large folder is skipped).
MAX_SIBLINGS = 60
#: Overloads (``open()`` of an unknown mode) give several types; more than this is noise.
MAX_INFERRED = 12
#: How deep inference follows assignments before it gives up (cycles are also cut).
MAX_FOLLOW_DEPTH = 12


class Inferencer:
    """Turns expressions into :data:`Value` objects for one analysis run."""

    def __init__(self, project: Project, budget: Budget) -> None:
        self.project = project
        self.budget = budget
        # Several steps ask jedi the same question about one receiver; ask it once per run.
        self._answers: dict[tuple[str, str, int, Optional[int]], list[Name]] = {}
        #: What each container literal's scope stores in it (:meth:`_stored_items`).
        self._stores: dict[tuple[str, int, int], list[Items]] = {}
        #: Functions whose call sites were read to bind a parameter, while recording.
        self._callers: Optional[set[str]] = None

    @contextmanager
    def recording_callers(self) -> Iterator[set[str]]:
        """Collect the functions whose call sites inference reads in the block: the callers
        of a sink's function are inputs of its verdict (see :mod:`mp_lsp.engine.dependencies`)."""
        outer = self._callers
        self._callers = callers = set()
        try:
            yield callers
        finally:
            self._callers = outer

    # -- jedi access ---------------------------------------------------------------------------
    def _jedi(self, method: str, site: Site) -> list[Name]:
        node = site.node
        key = (method, site.module.path, node.end_lineno or node.lineno, node.end_col_offset)
        if key in self._answers:
            return self._answers[key]
        if self.budget.expired():
            return []
        self.budget.spend()
        names = self.project.ask(method, site.module, node)
        limit = MAX_DEFINITIONS if method == "goto" else MAX_INFERRED
        answer = names if len(names) <= limit else []
        self._answers[key] = answer
        return answer

    def full_names(self, site: Site) -> set[str]:
        """Fully qualified names of the classes an expression's value may be an instance of."""
        return {n.full_name for n in self._jedi("infer", site) if n.full_name}

    def type_names(self, site: Site, depth: int = 0) -> set[str]:
        """Classes a value may be: jedi's answer plus what the call that created it says.

        jedi types ``with ThreadPool() as pool`` as ``Pool`` (typeshed's ``__enter__``) and
        loses ``with Manager() as m``; the creating call is the better witness for both. A
        parameter jedi cannot type takes the types of what it is given (``Process(target=f,
        args=(conn,))`` gives ``f``'s parameter ``conn``'s). What a manager makes is its proxy,
        not what typeshed says (``manager.Queue()`` is no ``queue.Queue``).
        """
        names = self.full_names(site)
        if names and not any(_may_be_misread(name) for name in names):
            return names  # a definite type from elsewhere (a regex match, a socket)
        creation = self.creation_call(site) if not isinstance(site.node, ast.Call) else site
        if creation is None and not names and depth < MAX_FOLLOW_DEPTH and isinstance(
            site.node, ast.Name
        ):
            bound = self.assigned_value(site, received=True)
            if bound is not None and bound.node is not site.node:
                return self.type_names(bound, depth + 1)
        if creation is not None:
            names |= self.callee_names(creation) | self.full_names(creation)
            func = creation.node.func  # type: ignore[attr-defined]
            if isinstance(func, ast.Attribute) and self.type_names(
                Site(creation.module, func.value)
            ) & MANAGER_CLASSES:
                names.add(f"{MANAGER_PROXY_PREFIX}{func.attr}")
        if any(name.startswith(MANAGER_PROXY_PREFIX) for name in names):
            names -= PROXY_STUBS  # a manager's proxy, whatever typeshed says it returns
        return names

    def called_values(self, callable_site: Site) -> list[Value]:
        """What calling the expression returns (``default_factory=threading.Lock``)."""
        values: list[Value] = []
        for value in self.values(callable_site):
            if isinstance(value, ClassValue):
                values.append(InstanceValue(value))
        for name in self._jedi("infer", callable_site):
            results = self.project.execute(name)
            values.extend(self._value_of_name(result) for result in results[:MAX_INFERRED])
        return values

    def callee_names(self, call: Site) -> set[str]:
        """Fully qualified names of what a call's function part refers to."""
        assert isinstance(call.node, ast.Call)
        return self.referred_names(Site(call.module, call.node.func))

    def referred_names(self, site: Site) -> set[str]:
        """Fully qualified names of what a name or attribute refers to (not its type)."""
        return {n.full_name for n in self._jedi("goto", site) if n.full_name}

    # -- following assignments -----------------------------------------------------------
    def definition_sites(self, site: Site) -> Iterator[tuple[ModuleSyntax, ast.AST]]:
        """The AST nodes that define a name or attribute, in whatever file they live."""
        for name in self._jedi("goto", site):
            path = name.module_path
            if name.line is None or not self.project.is_workspace_file(path):
                continue
            module = self.project.syntax(str(path))
            if module is None:
                continue
            node = _node_at(module, name.line, name.column)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                # jedi takes ``d["k"] = v`` for a definition of ``d``: look for what really
                # binds the name in that scope.
                node = _binding_of(module, node)
            if node is not None:
                yield module, node

    def assigned_value(self, site: Site, received: bool = False) -> Optional[Site]:
        """The right-hand side a name or ``self.attr`` was last bound to, if it is one simple
        assignment (or a ``with ... as name``, or an unpacking of a display). ``received``: a
        worker's parameter is also what a sink call hands it item by item
        (:meth:`parameter_arguments`)."""
        found = list(self.definition_sites(site))
        if len(found) != 1:
            return None
        module, target = found[0]
        if isinstance(target, ast.arg):
            return _one_site(self.parameter_arguments(module, target, received))
        statement = module.parent(target)
        if isinstance(statement, ast.withitem):
            return Site(module, statement.context_expr)
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if any(t is target for t in targets):
                return Site(module, statement.value)
        unpacked = _unpacking(module, target)
        if unpacked is not None:
            return self._unpacked(Site(module, unpacked[0]), unpacked[1], received)
        return None

    def _unpacked(
        self, site: Site, path: tuple[int, ...], received: bool, depth: int = 0
    ) -> Optional[Site]:
        """The element at ``path`` of what ``site`` holds, as far as the syntax shows it:
        ``store, n = args`` where ``args`` is a parameter each call gives a ``(store, n)``
        display (the items of ``pool.map(work, [(store, n) for n in ...])``)."""
        node = site.node
        if not path:
            return site
        if isinstance(node, (ast.Tuple, ast.List)):
            element = _element(node, path[0])
            return None if element is None else self._unpacked(
                Site(site.module, element), path[1:], received, depth)
        if not isinstance(node, (ast.Name, ast.Attribute)) or depth >= MAX_FOLLOW_DEPTH:
            return None
        found = list(self.definition_sites(site))
        if len(found) != 1:
            return None
        module, target = found[0]
        if isinstance(target, ast.arg):
            bound = self.parameter_arguments(module, target, received)
        else:
            value = self.assigned_value(site, received)
            bound = [value] if value is not None else []
        results = [
            r for b in bound if (r := self._unpacked(b, path, received, depth + 1)) is not None
        ]
        return _one_site(results) if len(results) == len(bound) else None

    def creation_call(self, site: Site, depth: int = 0) -> Optional[Site]:
        """The call that created the value of a name or attribute (through plain assignments)."""
        node = site.node
        if isinstance(node, ast.Call):
            return site
        if depth > MAX_FOLLOW_DEPTH or not isinstance(node, (ast.Name, ast.Attribute)):
            return None
        value = self.assigned_value(site, received=True)
        return self.creation_call(value, depth + 1) if value else None

    def parameter_arguments(
        self, module: ModuleSyntax, parameter: ast.arg, received: bool = False
    ) -> list[Site]:
        """What a parameter may receive: its default, and the matching argument at the calls of
        its function in this module and in sibling modules (a cheap, syntactic stand-in for
        jedi's slow "dynamic params", which the engine turns off).

        With ``received``, also each item a sink call maps the function over
        (``pool.map(work, [(store, n) ...])``): what types a receiver in the worker (a Manager
        proxy). The judge leaves those out: an item crossed already where it was sent, and
        the items of every call that maps the function would mix."""
        arguments = module.parent(parameter)
        function = module.parent(arguments) if arguments is not None else None
        if not isinstance(arguments, ast.arguments) or not isinstance(
            function, (ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            return []
        positional = arguments.posonlyargs + arguments.args
        is_method = module.enclosing_class(function) is not None
        if is_method and positional and positional[0] is parameter:
            return []  # ``self``: its class is jedi's business
        found: list[Site] = []
        default = parameter_defaults(arguments).get(parameter.arg)
        if default is not None:
            found.append(Site(module, default))
        index = None  # a keyword-only parameter gets no positional argument
        if parameter in positional:
            index = positional.index(parameter) - (1 if is_method else 0)
        # ``__init__`` is called by its class's name: ``Pipeline(transform=...)``.
        owner = module.enclosing_class(function) if function.name == "__init__" else None
        called = owner.name if owner is not None else function.name
        if self._callers is not None:
            self._callers.add(called)
        names = (called, *RUNNER_NAMES) if index is not None else (called,)
        for caller in self._modules_calling(module, called):
            for call in caller.calls_named(*names):
                if (dotted_name(call.func) or "").split(".")[-1] == called:
                    argument = call_argument(call, parameter.arg, index)
                    if argument is not None:
                        found.append(Site(caller, argument))
                elif index is not None:
                    # ``Process(target=worker, args=(q,))``: the child calls it with those.
                    for passed in sink_call_arguments(call, function.name, index):
                        if received or not passed.each_item:
                            found += self._passed_sites(Site(caller, passed.expr), passed)
        return found[:MAX_DEFINITIONS]

    def _passed_sites(self, site: Site, passed: Passed, depth: int = 0) -> list[Site]:
        """The expressions a sink call hands a parameter (:class:`Passed`): the argument, or
        the items the syntax shows of it (a literal's elements, a comprehension's element,
        through plain assignments), or their ``element``-th elements. Narrower than the
        judge's items of what is sent: a parameter is bound to what an item is, not to every
        place one may come from."""
        if not passed.each_item:
            return [site]
        node = site.node
        if isinstance(node, (ast.Name, ast.Attribute)) and depth < MAX_FOLLOW_DEPTH:
            bound = self.assigned_value(site)
            return [] if bound is None else self._passed_sites(bound, passed, depth + 1)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items = [e for e in node.elts if not isinstance(e, ast.Starred)]
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            items = [node.elt]
        else:
            return []
        if passed.element is None:
            return [Site(site.module, item) for item in items]
        return [
            Site(site.module, element) for item in items
            if (element := _element(item, passed.element)) is not None
        ]

    def _modules_calling(self, module: ModuleSyntax, name: str) -> list[ModuleSyntax]:
        """This module and the sibling modules whose text names ``name`` (a call of it, or a
        sink that runs it in a child)."""
        modules = [module]
        directory = os.path.dirname(module.path)
        try:
            siblings = sorted(os.listdir(directory))
        except OSError:
            return modules
        if len(siblings) > MAX_SIBLINGS:
            return modules
        for entry in siblings:
            path = os.path.join(directory, entry)
            if not entry.endswith(".py") or path == module.path:
                continue
            if name not in self.project.raw_text(path):
                continue
            sibling = self.project.syntax(path)
            if sibling is not None:
                modules.append(sibling)
        return modules

    # -- values --------------------------------------------------------------------------------
    def values(self, site: Site, depth: int = 0) -> list[Value]:
        """Every value the expression may have that matters to pickling."""
        if depth > MAX_FOLLOW_DEPTH or self.budget.expired():
            return [OPAQUE]
        node = site.node
        module = site.module
        if isinstance(node, ast.Lambda):
            return [FunctionValue(module, module.describe_definition(node))]
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return [_items(module, node)]
        if isinstance(node, ast.Dict):
            pairs: list[tuple[ChainLink, Site]] = []
            for key, value in zip(node.keys, node.values):
                text = (module.segment(key) or "") if key else ""
                link = ChainLink(LinkKind.VALUE, text) if key else ChainLink(
                    LinkKind.UNPACKED_MAPPING)
                pairs.append((link, Site(module, value)))
                if key is not None:
                    pairs.append((ChainLink(LinkKind.KEY, text), Site(module, key)))
            return [Items("dict", tuple(pairs))]
        if isinstance(node, (ast.ListComp, ast.SetComp)):
            return [Items("list", ((ChainLink(LinkKind.ITEM), Site(module, node.elt)),))]
        if isinstance(node, ast.DictComp):
            return [Items("dict", ((ChainLink(LinkKind.ITEM), Site(module, node.value)),
                                   (ChainLink(LinkKind.ANY_KEY), Site(module, node.key))))]
        if isinstance(node, ast.GeneratorExp):
            return [LibraryInstance("types.GeneratorType")]
        if isinstance(node, ast.IfExp):
            return self.values(Site(module, node.body), depth + 1) + self.values(
                Site(module, node.orelse), depth + 1
            )
        if isinstance(node, ast.BoolOp):
            return [v for operand in node.values for v in self.values(Site(module, operand),
                                                                      depth + 1)]
        if isinstance(node, ast.NamedExpr):
            return self.values(Site(module, node.value), depth + 1)
        if isinstance(node, ast.Call):
            return self._call_values(site, depth)
        if isinstance(node, ast.Name):
            return self._name_values(site, depth)
        if isinstance(node, ast.Attribute):
            return self._attribute_values(site, depth)
        if isinstance(node, ast.Subscript):
            return self._subscript_values(site, depth)
        return [OPAQUE]

    def _name_values(self, site: Site, depth: int) -> list[Value]:
        values: list[Value] = []
        definitions = list(self.definition_sites(site))
        for module, target in definitions:
            descriptor = _class_body_descriptor(site, module, target)
            if descriptor is not None:
                values.append(descriptor)
                continue
            if isinstance(target, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                kind = ClassValue if isinstance(target, ast.ClassDef) else FunctionValue
                values.append(kind(module, module.describe_definition(target)))
                continue
            if isinstance(target, ast.arg):
                if _is_instance_parameter(module, target):
                    values.extend(replace(v, running=True) if isinstance(v, InstanceValue) else v
                                  for v in self._from_jedi(site, "infer"))
                    continue
                for bound in self.parameter_arguments(module, target):
                    values.extend(self.values(bound, depth + 1))
                continue
            statement = module.parent(target)
            rhs = _simple_assignment_value(statement, target)
            if rhs is not None:
                factory = _factory_class(module, statement, rhs)
                if factory is not None:
                    values.append(factory)
                else:
                    values.extend(self.values(Site(module, rhs), depth + 1))
                if isinstance(rhs, (ast.Dict, ast.List, ast.Set)) and isinstance(
                    target, ast.Name
                ):
                    values.extend(self._stored_items(module, target))
                continue
            looped = self._loop_elements(module, target, site)
            if looped:
                # ``for job in jobs`` over ``jobs = [(...), (...)]``: each element in turn
                # (jedi says only "a tuple", and what a tuple holds is pickled with it)
                values.extend(v for e in looped for v in self.values(e, depth + 1))
                continue
            unpacked = _unpacking(module, target)
            element = self._unpacked(Site(module, unpacked[0]), unpacked[1], False) if (
                unpacked is not None) else None
            if element is not None:
                # ``jobs, results = manager.Queue(), manager.Queue()``: the element itself
                # (jedi reads typeshed's ``queue.Queue`` for a Manager's proxy)
                values.extend(self.values(element, depth + 1))
                continue
            values.extend(self._from_jedi(site, "infer"))
        return values or self._from_jedi(site, "infer")

    def _loop_elements(self, module: ModuleSyntax, target: ast.AST, site: Site) -> list[Site]:
        """The elements a ``for`` loop (or comprehension) binds ``target`` to in turn, when it
        iterates over a display, or a name assigned one display; empty when the code does
        not show them all. ``site`` is the name as read, whose jedi type (asked once, and
        again by the caller when this gives nothing) decides whether to look."""
        loop = module.parent(target)
        if not (isinstance(loop, (ast.For, ast.AsyncFor, ast.comprehension))
                and loop.target is target):
            return []
        if not isinstance(loop.iter, (ast.Tuple, ast.List, ast.Set)):
            said = self._from_jedi(site, "infer") if isinstance(loop.iter, ast.Name) else []
            if not said or not all(isinstance(v, LibraryInstance)
                                   and v.full_name in CONTAINER_TYPES for v in said):
                return []  # jedi knows the elements (or nothing does): no need to look
        iterated: Optional[Site] = Site(module, loop.iter)
        if isinstance(loop.iter, ast.Name):
            named = Site(module, loop.iter)
            found = list(self.definition_sites(named))
            single = len(found) == 1 and not isinstance(found[0][1], ast.arg)
            iterated = self.assigned_value(named) if single else None
        if iterated is None or not isinstance(iterated.node, (ast.Tuple, ast.List, ast.Set)):
            return []
        elements = iterated.node.elts
        if len(elements) > MAX_LOOP_ELEMENTS or any(isinstance(e, ast.Starred) for e in elements):
            return []
        return [Site(iterated.module, e) for e in elements]

    def _stored_items(self, module: ModuleSyntax, target: ast.Name) -> list[Items]:
        """What the scope that binds ``target`` to a container literal puts in it afterwards
        (``context["db"] = connect(...)``, ``jobs.append(job)``): pickled with it."""
        scope = module.enclosing_function(target) or module.tree
        key = (module.path, target.lineno, target.col_offset)
        if key not in self._stores:
            parts = [
                (ChainLink(LinkKind.VALUE, module.segment(key_node) or "")
                 if key_node is not None else ChainLink(LinkKind.ITEM), Site(module, value))
                for key_node, value in stores_into(scope, target.id)
            ]
            self._stores[key] = [Items("container", tuple(parts))] if parts else []
        return self._stores[key]

    def _attribute_values(self, site: Site, depth: int) -> list[Value]:
        assert isinstance(site.node, ast.Attribute)
        receiver = Site(site.module, site.node.value)
        if any(isinstance(v, ModuleObject) for v in self._from_jedi(receiver, "infer")):
            attribute = site.node.attr
            for name in sorted(self.referred_names(site)) if (
                attribute in library_types.attribute_names()) else ():
                known = library_types.lookup_attribute(name)
                if known is not None:
                    return [LibraryInstance(known.runtime_types[0])]  # ``sys.stdout``
            # ``tasks.download``: the definition itself, as for a name (jedi's inference
            # would give what its decorators return instead).
            return self._name_values(site, depth)
        inferred = self._from_jedi(site, "infer")
        functions = [v for v in inferred if isinstance(v, FunctionValue)]
        if functions:
            receiver_values = self._from_jedi(receiver, "infer")
            if any(isinstance(v, (InstanceValue, LibraryInstance)) for v in receiver_values):
                # A staticmethod or classmethod reached through an instance binds no instance.
                return [f if _binds_no_instance(f) else BoundMethod(receiver, f)
                        for f in functions]
            return list(inferred)
        library_method = self._library_method(site, receiver)
        if library_method is not None:
            return [library_method]
        members = self._enum_members(receiver, site.node.attr, depth)
        if members:
            return members
        # ``self.conn`` / ``obj.attr``: prefer the assignment that bound it (keeps the chain).
        value = self.assigned_value(site)
        if value is not None and value.node is not site.node:
            followed = self.values(value, depth + 1)
            if any(not isinstance(v, Opaque) for v in followed):
                return followed
        return inferred or [OPAQUE]

    def _library_method(self, site: Site, receiver: Site) -> Optional[Items]:
        """``ctx.run``: a library method bound to a library object. A bound method pickles as
        ``getattr(obj, name)`` (``method.__reduce__``), so its object goes with it."""
        names = self._jedi("infer", site)
        if not names or any(n.type != "function" for n in names):
            return None
        receivers = self._from_jedi(receiver, "infer")
        if not receivers or not all(isinstance(v, LibraryInstance) for v in receivers):
            return None
        return Items("bound method",
                     ((ChainLink(LinkKind.BOUND_SELF, shorten(receiver.text)), receiver),))

    def _enum_members(self, receiver: Site, attribute: str, depth: int) -> list[Value]:
        """``Color.RED`` is an instance of ``Color`` when ``Color`` is an Enum."""
        members: list[Value] = []
        for value in self._name_values(receiver, depth + 1) if isinstance(
            receiver.node, ast.Name
        ) else []:
            if isinstance(value, FactoryClassValue) and value.factory in ENUM_FACTORIES:
                members.append(InstanceValue(value))
            if not isinstance(value, ClassValue):
                continue
            node = value.definition.node
            assert isinstance(node, ast.ClassDef)
            is_enum = _is_enum(node)
            assigned = any(
                isinstance(s, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == attribute for t in s.targets)
                for s in node.body
            )
            if is_enum and assigned:
                members.append(InstanceValue(value, member=attribute))
        return members

    def _subscript_values(self, site: Site, depth: int) -> list[Value]:
        assert isinstance(site.node, ast.Subscript)
        inferred = self._from_jedi(site, "infer")
        # ``Color[name]``, which jedi reads as the class: the member of that name (any, when
        # the key is not a constant)
        key = string_constant(site.node.slice)
        inferred = [
            InstanceValue(v, member=key) if isinstance(v, ClassValue) and isinstance(
                v.definition.node, ast.ClassDef) and _is_enum(v.definition.node) else v
            for v in inferred
        ]
        known = any(not isinstance(v, Opaque) for v in inferred)
        if known and not any(isinstance(v, FunctionValue) or (
            isinstance(v, LibraryInstance) and v.full_name in FUNCTION_TYPES
        ) for v in inferred):
            return inferred
        # ``handlers["csv"]`` where handlers is a display: the value it names, or any of
        # them. Also when jedi says a function: it reads a class body's ``@staticmethod``
        # name as the function, not the staticmethod object the display holds.
        container = self.values(Site(site.module, site.node.value), depth + 1)
        shown = [
            v
            for c in container
            if isinstance(c, Items)
            for item in _indexed(c, site.node.slice)
            for v in self.values(item, depth + 1)
        ]
        return shown or (inferred if known else [OPAQUE])

    def _call_values(self, site: Site, depth: int) -> list[Value]:
        call = site.node
        assert isinstance(call, ast.Call)
        module = site.module
        callee = Site(module, call.func)
        callee_names = self.callee_names(site)
        for name in sorted(callee_names & KEPT_ARGUMENTS.keys()):
            return [_kept_arguments(module, call, name)]
        view = self._dict_view(site)
        if view is not None:
            return [view]
        default = self._mapping_default(site)
        if default is not None:
            # ``options.get(name, UNSET)``: the default is one of the values it may return
            return self.values(default, depth + 1) + [
                v for v in self._from_jedi(site, "infer") if not isinstance(v, Opaque)]
        if callee_names & OPENERS:
            opened = _opened_file(call)
            if opened is not None:
                return [opened]
        for name in sorted(callee_names & MADE_KINDS.keys()):
            return [LibraryInstance(name, MADE_KINDS[name].value)]
        for name in sorted(callee_names & CAUGHT_KINDS.keys()):
            if module.in_handler(call):
                return [LibraryInstance("builtins.tuple", CAUGHT_KINDS[name].value)]
        if isinstance(call.func, ast.Attribute) and self.type_names(
            Site(module, call.func.value)
        ) & MANAGER_CLASSES:
            return [ManagerProxy(call.func.attr)]
        classes = [
            v for v in self._name_values(callee, depth + 1)
            if isinstance(v, (ClassValue, FactoryClassValue))
        ] if isinstance(call.func, (ast.Name, ast.Attribute)) else []
        if classes:
            return [self._instance_of(c, site, depth) for c in classes]
        inferred = self._from_jedi(site, "infer")
        if callee_names & set(DESCRIPTOR_DECORATORS.values()) and isinstance(
            call.func, ast.Attribute
        ) and isinstance(call.func.value, ast.Name):
            # jedi takes ``Aggregate.from_config`` of an Enum for the ``classmethod`` object
            # itself (its Enum support reads every name of the body as a member): the
            # method's own returns say what the call makes
            methods = [
                FunctionValue(v.module, v.module.describe_definition(method))
                for v in self._name_values(Site(module, call.func.value), depth + 1)
                if isinstance(v, ClassValue) and (method := _enum_method(v, call.func.attr))
            ]
            if methods:
                return self._returned_values(site, depth, methods) or [OPAQUE]
        if inferred and all(_holds_unknown(v) for v in inferred):
            # jedi's type says only "a dict" (its verdict is its contents'): the workspace
            # function's own return statements say what it holds (``return context``)
            returned = self._returned_values(site, depth)
            if returned:
                return returned
        if all(isinstance(v, Opaque) for v in inferred):
            # jedi cannot type it: a class makes its instances; for other callables, what
            # the table says they make, if it knows
            made = [library_types.lookup(name) or library_types.lookup_made_by(name)
                    for name in sorted(callee_names)]
            inferred = [LibraryInstance(m.runtime_types[0]) for m in made if m] or inferred
        return inferred or [OPAQUE]

    def _returned_values(
        self, call: Site, depth: int, functions: Optional[list[FunctionValue]] = None
    ) -> list[Value]:
        """What a call of a workspace function returns, by its ``return`` statements.

        A parameter returned as it is (``return d``, or a branch of ``d.copy() if copy else
        d``) is this call's argument; a return that holds a parameter otherwise (``d.copy()``,
        ``[d]``) is left out, as a parameter's values are those of every call in the module.
        One that only passes it to a call (``ChainMap(parse(argv), os.environ)``) is
        followed. ``functions``: the callee, when the caller knows it better than jedi."""
        assert isinstance(call.node, ast.Call)
        values: list[Value] = []
        called = functions if functions is not None else self._name_values(
            Site(call.module, call.node.func), depth + 1)
        for function in called:
            node = function.definition.node if isinstance(function, FunctionValue) else None
            if not isinstance(node, ast.FunctionDef) or any(
                isinstance(n, (ast.Yield, ast.YieldFrom)) for n in own_nodes(node)
            ):
                continue  # a generator or a coroutine function returns no container
            arguments = _call_arguments(function.module, node, call)
            # The instance (or a class method's class) is the call's own receiver, not a value
            # of every call: what a method returns of ``self`` (``[self.Sample(...) for
            # ...]``, ``cls[name]``) is followed.
            held = set(arguments)
            if function.module.enclosing_class(node) is not None:
                held.discard(receiver_parameter(node) or "")
            for inner in own_nodes(node):
                if not isinstance(inner, ast.Return) or inner.value is None:
                    continue
                for branch in _branches(inner.value):
                    if isinstance(branch, ast.Name) and branch.id in arguments:
                        given = arguments[branch.id]
                        if given is not None:
                            values.extend(self.values(given, depth + 1))
                    elif not _holds_parameter(branch, held):
                        values.extend(self.values(Site(function.module, branch), depth + 1))
        return values

    def _instance_of(
        self, cls: Union[ClassValue, FactoryClassValue], call: Site, depth: int
    ) -> Value:
        """What calling a workspace class makes: its instance, or for a ``NewType`` or a
        ``TypedDict`` a plain value (the argument, a dict of the keyword arguments)."""
        node = call.node
        assert isinstance(node, ast.Call)
        if isinstance(cls, FactoryClassValue):
            plain = cls.factory in PLAIN_VALUE_CLASSES
        else:
            definition = cls.definition.node
            assert isinstance(definition, ast.ClassDef)
            plain = any(self.full_names(Site(cls.module, base)) & PLAIN_VALUE_BASES
                        for base in definition.bases)
        if not plain:
            return InstanceValue(cls, call)
        parts = [(ChainLink(LinkKind.VALUE, repr(k.arg)), Site(call.module, k.value))
                 for k in node.keywords if k.arg]
        parts += [(ChainLink(LinkKind.INDEX, str(i)), Site(call.module, a))
                  for i, a in enumerate(node.args)]
        return Items("plain value", tuple(parts))

    def _dict_view(self, site: Site) -> Optional[LibraryInstance]:
        """``d.keys()``/``values()``/``items()`` of a dict: a view (jedi's stubs say a tuple)."""
        call = site.node
        assert isinstance(call, ast.Call)
        func = call.func
        if not isinstance(func, ast.Attribute) or func.attr not in DICT_VIEWS or call.args:
            return None
        if self.full_names(Site(site.module, func.value)) & DICT_TYPES:
            return LibraryInstance(DICT_VIEWS[func.attr])
        return None

    def _mapping_default(self, site: Site) -> Optional[Site]:
        """The default of ``d.get(key, default)`` (``pop``, ``setdefault``) on a dict, or on a
        receiver of unknown type (a parameter), where the idiom is a mapping's."""
        call = site.node
        assert isinstance(call, ast.Call)
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr in MAPPING_DEFAULTS
                and len(call.args) == 2 and not call.keywords
                and not isinstance(call.args[1], ast.Starred)):
            return None
        types = self.full_names(Site(site.module, func.value))
        if not types or types & DICT_TYPES:  # a dict, or what only the idiom says is one
            return Site(site.module, call.args[1])
        return None

    def _from_jedi(self, site: Site, method: str) -> list[Value]:
        values: list[Value] = []
        for name in self._jedi(method, site):
            values.append(self._value_of_name(name))
        return values

    def _value_of_name(self, name: Name) -> Value:
        kind = name.type
        if kind == "module":
            return ModuleObject(name.full_name or name.name)
        path = name.module_path
        in_workspace = self.project.is_workspace_file(path)
        if kind in {"function", "class", "instance"} and in_workspace and name.line is not None:
            module = self.project.syntax(str(path))
            definition = module.definition_at(name.line, name.column) if module else None
            if module is not None and definition is not None:
                if kind == "function" and not isinstance(definition.node, ast.ClassDef):
                    return FunctionValue(module, definition)
                if isinstance(definition.node, ast.ClassDef):
                    cls = ClassValue(module, definition)
                    return cls if kind == "class" else InstanceValue(cls)
            owner = module.class_member_at(name.line, name.column) if (
                module is not None and definition is None and kind == "instance"
            ) else None
            if owner is not None:  # an Enum member: jedi names it where its class assigns it
                cls = ClassValue(module, module.describe_definition(owner))  # type: ignore[union-attr]
                return InstanceValue(cls, member=name.name)
        if kind == "instance" and name.full_name:
            return LibraryInstance(name.full_name)
        return OPAQUE


#: The functions that open a file, and what their mode makes (the serializers draw the line
#: by mode: cloudpickle sends a file opened for reading, not one opened for writing).
OPENERS = frozenset({"builtins.open", "io.open"})


def _opened_file(call: ast.Call) -> Optional[LibraryInstance]:
    given = call_argument(call, "mode", 1)
    mode = "r" if given is None else string_constant(given)
    if mode is None:
        return None
    binary = "b" in mode
    full_name = "_io.BufferedReader" if binary else "_io.TextIOWrapper"
    if any(c in mode for c in "wax+"):
        return LibraryInstance("_io.BufferedWriter" if binary else full_name, Kind.FILE_WRITE.value)
    return LibraryInstance(full_name, (Kind.FILE_BINARY if binary else Kind.FILE_READ).value)


def _binding_of(module: ModuleSyntax, name: ast.Name) -> Optional[ast.AST]:
    """What binds a loaded name in its scope: the last plain assignment before it, else a
    parameter of the enclosing function of that name."""
    scope = module.enclosing_function(name)
    stores = [n for n in module.stores_in(scope).get(name.id, ()) if n.lineno <= name.lineno]
    if stores:
        return stores[-1]
    arguments = getattr(scope, "args", None)
    if not isinstance(arguments, ast.arguments):
        return None
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    return next((a for a in every if a.arg == name.id), None)


def _holds_parameter(expr: ast.expr, parameters: Iterable[str]) -> bool:
    """Whether a parameter's value may be part of ``expr``'s: it is read there other than as
    an argument of a call or a subscript's key."""
    names = set(parameters)
    pending: list[ast.AST] = [expr]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Name) and node.id in names:
            return True
        if isinstance(node, ast.Call):
            pending.append(node.func)
            continue
        if isinstance(node, ast.Subscript):
            pending.append(node.value)  # ``table[key]`` is an item of the table, not the key
            continue
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp)):
            return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))
        pending.extend(ast.iter_child_nodes(node))
    return False


def _branches(expr: ast.expr) -> list[ast.expr]:
    """The expressions a value may come from: both sides of ``a if c else b`` and ``a or b``."""
    if isinstance(expr, ast.IfExp):
        return _branches(expr.body) + _branches(expr.orelse)
    if isinstance(expr, ast.BoolOp):
        return [b for value in expr.values for b in _branches(value)]
    return [expr]


def _call_arguments(
    module: ModuleSyntax, function: ast.FunctionDef, call: Site
) -> dict[str, Optional[Site]]:
    """Each parameter of ``function`` (defined in ``module``) with what ``call`` gives it (its
    argument, else its default), ``None`` where the call does not show it (``*args``,
    ``**kwargs``, a method's instance)."""
    node = call.node
    assert isinstance(node, ast.Call)
    arguments = function.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    given: dict[str, Optional[Site]] = dict.fromkeys([*positional, *(
        a.arg for a in (*arguments.kwonlyargs, arguments.vararg, arguments.kwarg) if a)])
    bound = module.enclosing_class(function) is not None and not any(
        (dotted_name(d) or "").split(".")[-1] == "staticmethod" for d in function.decorator_list)
    passed, complete = bound_arguments(positional[1:] if bound else positional, node)
    if not complete:
        return given
    given.update((name, Site(module, d)) for name, d in parameter_defaults(arguments).items())
    given.update((name, Site(call.module, e)) for name, e in passed.items() if name in given)
    return given


def _holds_unknown(value: Value) -> bool:
    """A library container whose verdict is its contents' (a dict, a ``ChainMap``), or a value
    that keeps what it was made with (:data:`KEPT_ARGUMENTS`: an aware ``datetime``'s
    ``tzinfo``), when what it holds is not known."""
    if not isinstance(value, LibraryInstance) or value.kind is not None:
        return False
    if value.full_name in KEPT_ARGUMENTS:
        return True
    known = library_types.lookup(value.full_name)
    return known is not None and known.outcome is library_types.Outcome.CONTENTS


def _is_enum(node: ast.ClassDef) -> bool:
    """Whether the class statement derives from an Enum or Flag class (by the base's name)."""
    return any((dotted_name(b) or "").split(".")[-1].endswith(("Enum", "Flag"))
               for b in node.bases)


def _enum_method(value: Value, attribute: str) -> Optional[ast.FunctionDef]:
    """The method ``attribute`` that an Enum class's body defines. jedi's Enum support reads
    every name of the body as a member, so ``Aggregate.from_config(...)`` would be a member
    of the class (or the ``classmethod`` object) rather than what the method returns."""
    if not isinstance(value, ClassValue):
        return None
    node = value.definition.node
    if not isinstance(node, ast.ClassDef) or not _is_enum(node):
        return None
    return next((s for s in node.body
                 if isinstance(s, ast.FunctionDef) and s.name == attribute), None)


def _is_instance_parameter(module: ModuleSyntax, parameter: ast.arg) -> bool:
    """Whether ``parameter`` is the ``self`` of a method."""
    arguments = module.parent(parameter)
    function = module.parent(arguments) if arguments is not None else None
    return function is not None and module.enclosing_class(function) is not None and (
        instance_parameter(function) == parameter.arg
    )


def _binds_no_instance(function: FunctionValue) -> bool:
    node = function.definition.node
    return not isinstance(node, ast.Lambda) and any(
        (dotted_name(d) or "").split(".")[-1] in {"staticmethod", "classmethod"}
        for d in getattr(node, "decorator_list", ())
    )


def _kept_arguments(module: ModuleSyntax, call: ast.Call, callee: str) -> Items:
    """What a result such as ``partial(f, x)`` or ``map(f, xs)`` keeps of its call: the parts
    pickle sends along with it, named as the callee's parameters."""
    names, keeps_keywords = KEPT_ARGUMENTS[callee]
    short = callee.rsplit(".", 1)[-1]
    parts: list[tuple[ChainLink, Site]] = []
    for index, argument in enumerate(call.args):
        if isinstance(argument, ast.Starred) or not names:
            break
        name = names[min(index, len(names) - 1)]
        if name.startswith("*"):
            name = f"{name[1:]} {index - names.index(name)}"
        elif index >= len(names):
            break
        parts.append((ChainLink(LinkKind.HELD, f"{short} {name}"), Site(module, argument)))
    if keeps_keywords:
        parts += [(ChainLink(LinkKind.HELD, f"{short} {k.arg}="), Site(module, k.value))
                  for k in call.keywords if k.arg]
    return Items(short, tuple(parts))


def _may_be_misread(full_name: str) -> bool:
    """Whether jedi's type for a value may be wrong in a way the creating call corrects: the
    process modules' own types (a ``ThreadPool`` typed ``Pool``), and typeshed's types for
    manager proxies (``manager.Queue()`` typed ``queue.Queue``)."""
    return full_name.startswith(("multiprocessing.", "concurrent.")) or full_name in PROXY_STUBS


def _items(module: ModuleSyntax, node: Union[ast.Tuple, ast.List, ast.Set]) -> Items:
    kind = {ast.Tuple: "tuple", ast.List: "list", ast.Set: "set"}[type(node)]
    items = []
    for index, element in enumerate(node.elts):
        if isinstance(element, ast.Starred):
            items.append((ChainLink(LinkKind.UNPACKED, str(index)), Site(module, element.value)))
        else:
            items.append((ChainLink(LinkKind.INDEX, str(index)), Site(module, element)))
    return Items(kind, tuple(items))


#: How jedi types a plain function (``types.FunctionType`` through typeshed's descriptors).
FUNCTION_TYPES = frozenset({"types.FunctionType", "builtins.function"})
#: Decorators whose result, read by its name in the class body, is a descriptor object, not
#: the function (``PARSERS = {"csv": parse_csv}`` under ``@staticmethod def parse_csv``).
DESCRIPTOR_DECORATORS = {"staticmethod": "builtins.staticmethod",
                         "classmethod": "builtins.classmethod"}


def _class_body_descriptor(
    site: Site, module: ModuleSyntax, target: ast.AST
) -> Optional[LibraryInstance]:
    """The ``staticmethod``/``classmethod`` object a name is, when it is read in the body of
    the class that defines it so (only attribute lookups through the class or an instance
    run the descriptor and give the function)."""
    if not isinstance(target, (ast.FunctionDef, ast.AsyncFunctionDef)) or (
        not target.decorator_list or module is not site.module
    ):
        return None
    made = DESCRIPTOR_DECORATORS.get(dotted_name(target.decorator_list[0]) or "")
    owner = module.parent(target)
    if made is None or not isinstance(owner, ast.ClassDef):
        return None
    for ancestor in module.ancestors(site.node):
        if ancestor is owner:
            return LibraryInstance(made)
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                                 ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp,
                                 ast.GeneratorExp)):
            return None  # another scope: the class body's names are not read from it
    return None


def _indexed(container: Items, index: ast.expr) -> list[Site]:
    """The items of a display that ``container[index]`` may be: every value for a computed
    index, else the one a constant index or key names (none, and jedi is asked, when the
    display cannot tell: a ``*xs``, a ``**m``, a computed key)."""
    values = [(link, item) for link, item in container.items if not link.kind.is_key]
    if not isinstance(index, ast.Constant):
        return [item for _, item in values]
    if any(link.kind in (LinkKind.UNPACKED, LinkKind.UNPACKED_MAPPING) for link, _ in values):
        return []
    wanted = index.value
    found = []
    for link, item in values:
        if link.kind is LinkKind.INDEX and isinstance(wanted, int) and link.name is not None:
            count = len(values)
            if int(link.name) == (wanted if wanted >= 0 else count + wanted):
                found.append(item)
        elif link.kind is LinkKind.VALUE and link.name:
            try:
                key = ast.literal_eval(link.name)
            except (ValueError, SyntaxError):
                return []
            if key == wanted:
                found.append(item)
    return found


#: The most elements of a display a loop over it is followed through, one by one.
MAX_LOOP_ELEMENTS = 16


def _one_site(sites: list[Site]) -> Optional[Site]:
    """The one expression a value comes from: the only site, or the first of several that
    spell the same name in the same scope (``pool.starmap(f, [(store, 1), (store, 2)])``
    gives ``f`` the one ``store``)."""
    if not sites:
        return None
    first = sites[0]
    if len(sites) == 1:
        return first
    if not isinstance(first.node, ast.Name):
        return None
    scope = first.module.enclosing_function(first.node)
    for other in sites:
        if other.module is not first.module or not isinstance(other.node, ast.Name) or (
            other.node.id != first.node.id
            or first.module.enclosing_function(other.node) is not scope
            or _comprehension_bound(other.module, other.node)
        ):
            return None
    return first


def _comprehension_bound(module: ModuleSyntax, name: ast.Name) -> bool:
    """Whether a comprehension around the name binds it (each then binds its own)."""
    return any(
        isinstance(target, ast.Name) and target.id == name.id
        for ancestor in module.ancestors(name)
        if isinstance(ancestor, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp))
        for generator in ancestor.generators for target in ast.walk(generator.target)
    )


def _unpacking(module: ModuleSyntax, target: ast.AST) -> Optional[tuple[ast.expr, tuple[int, ...]]]:
    """For a name among the targets of an unpacking assignment (``store, n = args``): the
    assigned value and where the name sits in it (``(0,)``); ``None`` for anything else."""
    path: list[int] = []
    node, parent = target, module.parent(target)
    while isinstance(parent, (ast.Tuple, ast.List)):
        index = next(i for i, e in enumerate(parent.elts) if e is node)
        if any(isinstance(e, ast.Starred) for e in parent.elts[:index + 1]):
            return None
        path.insert(0, index)
        node, parent = parent, module.parent(parent)
    if path and isinstance(parent, ast.Assign) and any(t is node for t in parent.targets):
        return parent.value, tuple(path)
    return None


def _element(node: ast.expr, index: int) -> Optional[ast.expr]:
    """The ``index``-th element of a tuple or list display, if no ``*xs`` comes first."""
    if not isinstance(node, (ast.Tuple, ast.List)) or index >= len(node.elts):
        return None
    if any(isinstance(e, ast.Starred) for e in node.elts[:index + 1]):
        return None
    return node.elts[index]


def _node_at(module: ModuleSyntax, line: int, column: int) -> Optional[ast.AST]:
    """The Name/Attribute/def/class node jedi names by the position of its identifier."""
    best: Optional[ast.AST] = None
    for node in module.nodes_on_line(line):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            header = module.header_location(node).span
            if header.end_column - len(node.name) == column:
                return node
        elif isinstance(node, ast.Name):
            if module.char_column(line, node.col_offset) == column:
                best = node
        elif isinstance(node, ast.Attribute):
            end = module.char_column(node.end_lineno or line, node.end_col_offset or 0)
            if end - len(node.attr) == column:
                best = node
        elif isinstance(node, ast.arg) and module.char_column(line, node.col_offset) == column:
            best = node
    return best


def _simple_assignment_value(statement: Optional[ast.AST], target: ast.AST) -> Optional[ast.expr]:
    if isinstance(statement, ast.withitem):
        return statement.context_expr if statement.optional_vars is target else None
    if isinstance(statement, ast.Assign) and any(t is target for t in statement.targets):
        return statement.value
    if isinstance(statement, ast.AnnAssign) and statement.target is target:
        return statement.value
    return None


def _factory_class(
    module: ModuleSyntax, statement: Optional[ast.AST], rhs: ast.expr
) -> Optional[FactoryClassValue]:
    """``Point = namedtuple("Point", ...)`` and friends: a class made by a call."""
    if not isinstance(rhs, ast.Call) or not isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return None
    name = (dotted_name(rhs.func) or "").split(".")[-1]
    if name not in CLASS_FACTORIES or (name == "type" and len(rhs.args) != 3):
        return None
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        return None
    typename = string_constant(rhs.args[0]) if rhs.args else None
    return FactoryClassValue(module, statement, targets[0].id, typename, name)
