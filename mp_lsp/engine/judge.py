"""The picklability model: a value in, a verdict out, following pickle's own algorithm.

1. *Reducers*: a type given a reducer (``copyreg.pickle``, ``ForkingPickler.register``) pickles
   however it is made (:mod:`mp_lsp.engine.reducers`).
2. *By reference*: functions and classes are stored as module + qualified name, which the other
   side must find to be the same object: not a lambda, a ``<locals>`` definition, a definition
   under the ``__main__`` guard, or a name a decorator rebound (:mod:`mp_lsp.engine.binding`).
3. *Reduce*: an instance is stored as its class plus its state (``__dict__``, or what
   ``__getstate__``/``__reduce__`` return, :mod:`mp_lsp.engine.state`), recursively; library
   types are judged by what pickle itself said of them (the generated
   :mod:`~mp_lsp.engine.knowledge.library_types` table).
4. *Rebuild*: the other side must be able to make it again (:mod:`mp_lsp.engine.rebuild`).

The judge answers ``None`` (picklable, or unknown: say nothing) or a :class:`Problem` with the
chain of steps from the sent value to the part that fails.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterator, Optional, Union

from mp_lsp.engine import scan
from mp_lsp.engine.binding import Holds, decorated_binding, wrappers
from mp_lsp.engine.findings import (
    ALL_START_METHODS,
    PICKLING_START_METHODS,
    ChainLink,
    LinkKind,
    Location,
)
from mp_lsp.engine.inference import MAX_FOLLOW_DEPTH, Inferencer
from mp_lsp.engine.knowledge import library_types, serializers
from mp_lsp.engine.knowledge.pickling import (
    CACHING_PROPERTIES,
    CONSTRUCTION,
    DATACLASS_DECORATORS,
    IDENTITY_EQUAL_TYPES,
)
from mp_lsp.engine.knowledge.serializers import Serializer
from mp_lsp.engine.rebuild import rebuild_failure
from mp_lsp.engine.reducers import Registered
from mp_lsp.engine.rules import (
    MP001,
    MP002,
    MP003,
    MP004,
    MP005,
    MP006,
    MP007,
    MP009,
    MP011,
    MP012,
    MP013,
)
from mp_lsp.engine.rules.mp010_notebook_definition import notebook_problem
from mp_lsp.engine.rules.rule import Problem, Rule
from mp_lsp.engine.state import EVERYTHING, instance_state, nearest_method, refusal
from mp_lsp.engine.syntax import (
    ModuleSyntax,
    bound_arguments,
    child_nodes,
    dotted_name,
    growth,
    instance_parameter,
    is_main_guard,
    keyword_arguments,
    mangled,
    own_nodes,
    parameter_defaults,
    run_on_import,
    shorten,
)
from mp_lsp.engine.values import (
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

#: A site's identity for cycle detection: path and full span (a name and the attribute that
#: starts with it share their start).
_SiteKey = tuple[str, int, int, Optional[int], Optional[int]]


@dataclass(frozen=True)
class Context:
    """What the sink allows while judging one argument."""

    #: multiprocessing locks/queues/values are refused (pool tasks, queues) or allowed
    #: (Process args and initargs, which are pickled while spawning).
    refuses_shared_primitives: bool = True
    #: Attribute names the sending code uses before the sink. A method outside construction
    #: only sets its attributes if it ran: ``limiter.start()`` before ``submit(limiter)``.
    touched: frozenset[str] = frozenset()
    #: Types given a reducer (``copyreg.pickle``...): they pickle however they are made. Called
    #: when a verdict depends on them (the sending module's lookup is costly and seldom needed).
    registered: Callable[[], Registered] = Registered
    #: What pickles the values: by reference (pickle) or by value (cloudpickle, dill).
    serializer: Serializer = Serializer.PICKLE
    #: Results that are iterators are made lists before they are sent (a dask bag's steps).
    lists_iterators: bool = False
    #: Attribute names the sending code reads before the sink, called or not: a
    #: ``cached_property`` read there has stored its value in the instance.
    read: frozenset[str] = frozenset()


#: The rules about a definition that cannot be found by name: a serializer that sends such a
#: definition by value sends it all the same (and then what it captures must cross).
BY_NAME_RULES = frozenset({"MP001", "MP002", "MP003", "MP004", "MP005", "MP010", "MP011"})


class Judge:
    def __init__(self, inferencer: Inferencer) -> None:
        self.inferencer = inferencer

    def judge(
        self, site: Site, context: Context, prefix: tuple[ChainLink, ...] = ()
    ) -> Optional[Problem]:
        """The first reason ``site``'s value cannot be pickled, or ``None``.

        ``prefix`` holds the steps from the sink's argument to ``site`` (``jobs``, ``[0]``).
        """
        chain = prefix or (ChainLink(LinkKind.ARGUMENT, shorten(site.text)),)
        return self._site(site, context, chain, frozenset(), 0)

    def judge_results(
        self, function: FunctionValue, context: Context, prefix: tuple[ChainLink, ...]
    ) -> Optional[Problem]:
        """Why a worker function's return value cannot be pickled back, or ``None``."""
        node = function.definition.node
        module = function.module
        if isinstance(node, ast.Lambda):  # its body is what it returns
            chain = (*prefix, ChainLink(LinkKind.RESULT, location=module.location(node.body)))
            problem = self._site(Site(module, node.body), context, chain, frozenset(), 1)
            return replace(problem, rule=MP009) if problem is not None else None
        if isinstance(node, ast.ClassDef):
            return None
        head = (*prefix, ChainLink(LinkKind.RESULT, location=module.header_location(node)))
        if isinstance(node, ast.AsyncFunctionDef):
            return MP009.problem(
                (*head, ChainLink(LinkKind.TYPE, "coroutine")), module.header_location(node),
                ALL_START_METHODS, variant="coroutine", name=node.name,
            )
        for inner in own_nodes(node):
            if isinstance(inner, (ast.Yield, ast.YieldFrom)) and not context.lists_iterators:
                return MP009.problem(
                    (*head, ChainLink(LinkKind.TYPE, "generator")), module.header_location(node),
                    ALL_START_METHODS, variant="generator",
                )
        for inner in own_nodes(node):
            if isinstance(inner, ast.Raise) and isinstance(inner.exc, ast.Call) and (
                not _handled_around(module, inner)
            ):
                problem = self._unrebuildable_exception(Site(module, inner.exc), head, context)
                if problem is not None:
                    return problem
        for inner in own_nodes(node):
            if isinstance(inner, ast.Return) and inner.value is not None:
                if context.lists_iterators and isinstance(inner.value, ast.GeneratorExp):
                    continue
                chain = (*head[:-1], ChainLink(LinkKind.RESULT, location=module.location(inner)))
                problem = self._site(Site(module, inner.value), context, chain, frozenset(), 1)
                if problem is not None:
                    return replace(problem, rule=MP009)
        return None

    def judge_made(
        self, cls: ClassValue, context: Context, prefix: tuple[ChainLink, ...]
    ) -> Optional[Problem]:
        """Why an instance of ``cls``, made in a worker (a class given as ``collate_fn``),
        cannot be pickled back."""
        module = cls.module
        node = cls.definition.node
        assert isinstance(node, ast.ClassDef)
        head = (*prefix, ChainLink(LinkKind.RESULT, location=module.header_location(node)))
        problem = self._value(InstanceValue(cls), context, head, frozenset(), 1)
        return replace(problem, rule=MP009) if problem is not None else None

    def _unrebuildable_exception(
        self, raised: Site, head: tuple[ChainLink, ...], context: Context
    ) -> Optional[Problem]:
        """An exception raised in a worker (``raised``: the call that makes it) travels back
        pickled as ``cls(*self.args)``.

        A subclass whose ``__init__`` needs more arguments than it hands to
        ``super().__init__()`` cannot be rebuilt in the parent, which then breaks the pool. A
        library's exception is judged by what the serializer did with one (the generated
        tables: ``urllib.error.HTTPError`` dumps, and its rebuild fails).
        """
        call = raised.node
        assert isinstance(call, ast.Call)
        for value in self.inferencer.values(Site(raised.module, call.func)):
            if not isinstance(value, ClassValue):
                continue
            failure = rebuild_failure(*self._hierarchy(value, 0), made_by=call)
            if failure is not None and failure.variant == "exception":
                culprit = failure.culprit
                name = value.definition.node.name  # type: ignore[union-attr]
                return MP009.problem(
                    (*head, ChainLink(LinkKind.RAISED, name, culprit)), culprit,
                    ALL_START_METHODS, variant="exception", **failure.facts,
                )
        for full_name in sorted(self.inferencer.full_names(raised)):
            entry = _refusing_entry(full_name, context)
            culprit = raised.module.location(call)
            link = ChainLink(LinkKind.RAISED, full_name, culprit)
            if entry is not None and not entry.inheritance_only:
                return MP009.problem(
                    (*head, link), culprit, ALL_START_METHODS, variant="library_exception",
                    name=full_name, error=entry.error, serializer=context.serializer.title,
                )
            known = library_types.lookup(full_name)
            if known is not None and known.keyword_error and call.keywords and not any(
                isinstance(a, ast.Starred) for a in call.args
            ) and len(call.args) < known.keyword_required:
                return MP009.problem(
                    (*head, link), culprit, ALL_START_METHODS,
                    variant="library_exception_keywords", name=full_name,
                    error=known.keyword_error, given=len(call.args),
                    required=known.keyword_required,
                )
        return None

    # -- recursion ---------------------------------------------------------------------------
    def _site(
        self,
        site: Site,
        context: Context,
        chain: tuple[ChainLink, ...],
        seen: frozenset[_SiteKey],
        depth: int,
    ) -> Optional[Problem]:
        node = site.node
        key = (site.module.path, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
        if depth > MAX_FOLLOW_DEPTH or key in seen or self.inferencer.budget.expired():
            return None
        seen = seen | {key}
        for value in self.inferencer.values(site):
            problem = self._value(value, context, chain, seen, depth)
            if problem is not None:
                return problem
        return None

    def _value(
        self,
        value: Value,
        context: Context,
        chain: tuple[ChainLink, ...],
        seen: frozenset[_SiteKey],
        depth: int,
    ) -> Optional[Problem]:
        if isinstance(value, FunctionValue):
            return self._sent_function(value, context, chain, seen, depth)
        if isinstance(value, (ClassValue, FactoryClassValue)):
            return self._by_value(self._class(value, chain), context)
        if isinstance(value, InstanceValue):
            return self._instance(value, context, chain, seen, depth)
        if isinstance(value, LibraryInstance):
            if value.kind is not None:
                return _kind(value, context, chain)
            return _library(value.full_name, context, chain)
        if isinstance(value, ModuleObject):
            if context.serializer.sends_modules:
                return None  # cloudpickle and dill send a module as its name, to import
            return MP006.problem(
                (*chain, ChainLink(LinkKind.TYPE, f"module {value.name}")), None,
                ALL_START_METHODS, variant="module", name=value.name,
            )
        if isinstance(value, Items):
            for link, item in value.items:
                problem = self._site(item, context, (*chain, link), seen, depth + 1)
                if problem is not None:
                    return problem
            return None
        if isinstance(value, BoundMethod):
            problem = self._sent_function(value.function, context, chain, seen, depth)
            if problem is not None:
                return problem
            link = ChainLink(LinkKind.BOUND_SELF, shorten(value.instance.text))
            return self._site(value.instance, context, (*chain, link), seen, depth + 1)
        assert isinstance(value, (ManagerProxy, Opaque))
        return None

    # -- functions and classes: by reference, or by value --------------------------------
    def _sent_function(
        self,
        value: FunctionValue,
        context: Context,
        chain: tuple[ChainLink, ...],
        seen: frozenset[_SiteKey],
        depth: int,
    ) -> Optional[Problem]:
        """pickle finds a function by name; cloudpickle and dill send the ones it cannot
        find (and cloudpickle every one of ``__main__``) as code, with what they capture."""
        problem = self._function(value, chain)
        serializer = context.serializer
        if not serializer.by_value:
            if problem is None and _module_name(value.module) == "__main__":
                # found by name in the worker's ``__main__``: it runs with those globals
                return self._guarded_global(value, chain, frozenset())
            return problem
        if problem is not None and problem.code not in BY_NAME_RULES:
            return problem
        if problem is None and not (
            serializer.sends_globals and _module_name(value.module) == "__main__"
        ):
            return None  # importable: sent by reference
        return self._captured(value, context, chain, seen, depth)

    def _captured(
        self,
        value: FunctionValue,
        context: Context,
        chain: tuple[ChainLink, ...],
        seen: frozenset[_SiteKey],
        depth: int,
    ) -> Optional[Problem]:
        """A function sent by value takes its closure cells along, and with cloudpickle the
        globals of its module that it uses: each must cross in turn."""
        module = value.module
        node = value.definition.node
        enclosing = [a for a in module.ancestors(node)
                     if isinstance(a, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
        closure = set().union(*(_bound_names(scope) for scope in enclosing)) if enclosing else set()
        if not context.serializer.sends_globals:  # dill: globals are the worker's __main__
            problem = self._guarded_global(value, chain, closure)
            if problem is not None:
                return problem
        module_level = _module_bindings(module) if context.serializer.sends_globals else frozenset()
        reported: set[str] = set()
        for name in _free_names(node):
            if name.id in reported or not (name.id in closure or name.id in module_level):
                continue
            reported.add(name.id)
            link = ChainLink(LinkKind.CAPTURED, name.id, module.location(name))
            problem = self._site(Site(module, name), context, (*chain, link), seen, depth + 1)
            if problem is not None:
                return problem
        return None

    def _function(self, value: FunctionValue, chain: tuple[ChainLink, ...]) -> Optional[Problem]:
        definition = value.definition
        module = value.module
        node = definition.node
        culprit = module.header_location(node)
        if isinstance(node, ast.Lambda):
            return MP001.problem(
                (*chain, ChainLink(LinkKind.DEFINITION, "lambda", culprit)), culprit,
                ALL_START_METHODS,
            )
        assert not isinstance(node, ast.ClassDef)
        outer = definition.enclosing_function
        if outer is not None and _declares_global(outer, node.name):
            # ``global f`` makes ``f``'s qualified name top-level: the child finds it if the
            # code that defines it runs there too, at import time.
            outer_name = getattr(outer, "name", "lambda")
            if not _called_at_import(module, outer_name):
                link = ChainLink(LinkKind.DEFINITION, f"{node.name}, made global by "
                                 f"{outer_name}()", culprit)
                return MP004.problem((*chain, link), culprit, PICKLING_START_METHODS,
                                     variant="global", name=node.name, outer=outer_name)
        elif outer is not None:
            outer_name = getattr(outer, "name", "lambda")
            return MP002.problem(
                (*chain, _local_definition(outer_name, node.name, culprit)), culprit,
                ALL_START_METHODS, name=node.name, outer=outer_name,
            )
        owner = module.enclosing_class(node)
        if owner is not None:
            problem = self._class(ClassValue(module, module.describe_definition(owner)), chain)
            if problem is not None:
                return problem
        if module.is_notebook:  # every definition of a notebook is in the kernel's __main__
            return notebook_problem("function", node.name, chain, culprit)
        if definition.under_main_guard:
            return _main_guard_problem("function", node.name, chain, culprit)
        return self._decorators(value, chain)

    def _decorators(
        self, value: Union[FunctionValue, ClassValue], chain: tuple[ChainLink, ...]
    ) -> Optional[Problem]:
        """Lookup by name after decoration: does the name still hold what is sent?"""
        node = value.definition.node
        assert not isinstance(node, ast.Lambda)
        bound = decorated_binding(value, self.inferencer)
        decorator = bound.decorator.split(".")[-1]
        link = ChainLink(LinkKind.DECORATOR, decorator)
        if bound.holds is Holds.INSTANCE and bound.holder is not None:
            holder = bound.holder.definition.node
            assert isinstance(holder, ast.ClassDef)
            if instance_state(self._hierarchy(bound.holder, 0)[0]) is not EVERYTHING:
                return None  # the holder's class customises its pickling: trust it
            culprit = bound.holder.module.header_location(holder)
            return MP011.problem(
                (*chain, link, ChainLink(LinkKind.DEFINITION, f"{holder.name} object", culprit)),
                culprit, ALL_START_METHODS, name=node.name, decorator=decorator,
                holder=holder.name, module=_module_name(value.module),
            )
        if bound.holds in (Holds.LOCAL_WRAPPER, Holds.LOCAL_CLASS) and bound.inner is not None:
            assert bound.module is not None
            culprit = bound.module.header_location(bound.inner)
            local = _local_definition(bound.outer, bound.inner.name, culprit)
            if bound.holds is Holds.LOCAL_CLASS:
                return MP003.problem((*chain, link, local), culprit, ALL_START_METHODS,
                                     name=bound.inner.name, outer=bound.outer)
            return MP005.problem(
                (*chain, link, local), culprit, ALL_START_METHODS,
                name=node.name, decorator=decorator, wrapper=bound.inner.name,
            )
        return None

    def _class(
        self, value: Union[ClassValue, FactoryClassValue], chain: tuple[ChainLink, ...]
    ) -> Optional[Problem]:
        module = value.module
        if isinstance(value, FactoryClassValue):
            node: ast.AST = value.assignment
            culprit = module.location(value.assignment)
            name = value.name
            if value.typename and value.typename != value.name and module.enclosing_function(
                node
            ) is None:
                return MP003.problem(
                    (*chain, ChainLink(LinkKind.DEFINITION, f"class {value.typename}", culprit)),
                    culprit, ALL_START_METHODS, variant="renamed",
                    name=name, typename=value.typename,
                )
        else:
            node = value.definition.node
            culprit = module.header_location(value.definition.node)
            name = value.definition.node.name  # type: ignore[union-attr]
        outer = module.enclosing_function(node)
        if outer is not None:
            outer_name = getattr(outer, "name", "lambda")
            return MP003.problem(
                (*chain, _local_definition(outer_name, name, culprit)), culprit,
                ALL_START_METHODS, name=name, outer=outer_name,
            )
        enclosing = module.enclosing_class(node) if isinstance(node, ast.ClassDef) else None
        if enclosing is not None:
            problem = self._class(ClassValue(module, module.describe_definition(enclosing)), chain)
            if problem is not None:
                return problem
            stored = mangled(enclosing.name, name)
            if stored != name:
                # ``class __Sample`` in ``MetricsCollector``: stored as
                # ``_MetricsCollector__Sample``, looked up by its qualified name.
                link = ChainLink(LinkKind.DEFINITION, f"class {enclosing.name}.{name}", culprit)
                return MP003.problem(
                    (*chain, link), culprit, ALL_START_METHODS, variant="mangled", name=name,
                    owner=enclosing.name, stored=stored, public="_" + name.lstrip("_"),
                )
        if module.is_notebook:
            return notebook_problem("class", name, chain, culprit)
        if module.under_main_guard(node):
            return _main_guard_problem("class", name, chain, culprit)
        if isinstance(value, ClassValue):
            return self._decorators(value, chain)
        return None

    # -- instances: class + __dict__ ---------------------------------------------------------
    def _instance(
        self,
        value: InstanceValue,
        context: Context,
        chain: tuple[ChainLink, ...],
        seen: frozenset[_SiteKey],
        depth: int,
    ) -> Optional[Problem]:
        cls = value.cls
        problem = self._by_value(self._class(cls, chain), context)
        if problem is not None:
            return replace(problem, what=f"an instance of {problem.what.removeprefix('a ')}")
        if not isinstance(cls, ClassValue):
            return None
        class_name = cls.definition.node.name  # type: ignore[union-attr]
        classes, library_bases = self._hierarchy(cls, depth)
        if any(context.registered().covers(c) for c in classes):
            return None  # a reducer is registered for it
        refused = refusal(classes)
        if refused is not None:
            module, method, error = refused
            culprit = module.header_location(method)
            link = ChainLink(LinkKind.DEFINITION, f"{class_name}.{method.name}", culprit)
            return MP006.problem((*chain, link), culprit, ALL_START_METHODS, variant="refuses",
                                 name=class_name, method=method.name, error=error)
        state = instance_state(classes)
        if state is None:
            return None  # pickling is customised in a way the code does not show: trust it
        if state is EVERYTHING:  # a library base's own state goes too
            for base in library_bases:
                link = ChainLink(LinkKind.LIBRARY_BASE, f"{class_name}({base})")
                running = serializers.RUNNING_KINDS.get(base) if value.running else None
                problem = _kind(LibraryInstance(base, running.value), context, (*chain, link)) if (
                    running) else _library(base, context, (*chain, link))
                if problem is not None:
                    return problem
        for link, extra in state.extra:
            problem = self._site(extra, context, (*chain, link), seen, depth + 1)
            if problem is not None:
                return problem
        bindings = _constructor_bindings(value, classes)
        attributes = _instance_attributes(
            classes, context.touched, context.read,
            lambda method, module: wrappers(method, module, self.inferencer),
        )
        for attribute, attr_site, parameter, item in attributes:
            if not state.keeps(attribute):
                continue
            where = attr_site.module.location(attr_site.node)
            links: tuple[ChainLink, ...] = (ChainLink(LinkKind.ATTRIBUTE, attribute, where),)
            if item:
                links += (ChainLink(LinkKind.ITEM),)
            bound = bindings.get(parameter) if parameter else None
            if bound is not None:
                problem = self._site(bound, context, (*chain, *links), seen, depth + 1)
            elif parameter and value.constructor is not None and not _is_field_default(
                attr_site
            ):
                continue  # an argument the constructor call does not show: unknown
            elif _is_factory(attr_site):
                problem = self._factory(attr_site, context, (*chain, *links))
            else:
                problem = self._site(attr_site, context, (*chain, *links), seen, depth + 1)
            if problem is not None:
                return problem
        for attribute, attr_site in _caller_attributes(value):
            if not state.keeps(attribute):
                continue
            where = attr_site.module.location(attr_site.node)
            link = ChainLink(LinkKind.ATTRIBUTE, attribute, where)
            problem = self._site(attr_site, context, (*chain, link), seen, depth + 1)
            if problem is not None:
                return problem
        made_by = value.constructor.node if value.constructor is not None else None
        failure = rebuild_failure(classes, library_bases,
                                  made_by if isinstance(made_by, ast.Call) else None,
                                  value.member, self._unequal_when_rebuilt)
        if failure is not None:
            culprit = failure.culprit
            link = ChainLink(LinkKind.DEFINITION, f"{class_name}.{failure.attribute}", culprit)
            return MP012.problem((*chain, link), culprit, ALL_START_METHODS,
                                 variant=failure.variant, **failure.facts)
        return None

    @staticmethod
    def _guarded_global(
        value: FunctionValue, chain: tuple[ChainLink, ...], local: set[str]
    ) -> Optional[Problem]:
        """A function of the script that runs with the worker's ``__main__`` for globals (found
        there by name, or sent by dill) and reads one that only the ``__main__`` guard binds:
        under spawn and forkserver the worker does not run that block."""
        module = value.module
        if _module_name(module) != "__main__":
            return None
        guarded = _guarded_bindings(module) - local
        for name in _free_names(value.definition.node) if guarded else ():
            if name.id in guarded:
                culprit = module.location(name)
                return MP013.problem(
                    (*chain, ChainLink(LinkKind.CAPTURED, name.id, culprit)), culprit,
                    PICKLING_START_METHODS, function=getattr(value.definition.node, "name",
                                                             "lambda"),
                    name=name.id,
                )
        return None

    @staticmethod
    def _by_value(problem: Optional[Problem], context: Context) -> Optional[Problem]:
        """A class that cannot be found by name crosses by value with cloudpickle and dill."""
        if problem is not None and context.serializer.by_value and problem.code in BY_NAME_RULES:
            return None
        return problem

    def _unequal_when_rebuilt(
        self, module: ModuleSyntax, node: ast.expr, depth: int = 0
    ) -> Optional[str]:
        """Why ``node``'s value, pickled and rebuilt, would equal nothing but itself: a library
        type that compares by identity (:data:`IDENTITY_EQUAL_TYPES`), or an instance of a
        workspace class without ``__eq__``; a tuple or list holding one. None when it compares
        equal after the round trip, or when the code does not show."""
        if isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts if depth < MAX_FOLLOW_DEPTH else ():
                reason = self._unequal_when_rebuilt(module, element, depth + 1)
                if reason is not None:
                    return reason
            return None
        if not isinstance(node, (ast.Call, ast.Name, ast.Attribute)):
            return None
        site = Site(module, node)
        identity = sorted(self.inferencer.type_names(site) & IDENTITY_EQUAL_TYPES.keys())
        if identity:
            return f"{IDENTITY_EQUAL_TYPES[identity[0]]} is equal only to itself"
        for value in self.inferencer.values(site):
            if isinstance(value, InstanceValue) and isinstance(value.cls, ClassValue):
                classes, library = self._hierarchy(value.cls, depth + 1)
                if not library and nearest_method(classes, ("__eq__",)) is None and not any(
                    _generates_eq(c) for c in classes
                ):
                    name = value.cls.definition.node.name  # type: ignore[union-attr]
                    return (f"`{name}` defines no `__eq__`, so a rebuilt `{name}` is equal "
                            "only to itself")
        return None

    def hierarchy(self, cls: ClassValue) -> list[ClassValue]:
        """The workspace classes of a class's MRO, nearest first."""
        return self._hierarchy(cls, 0)[0]

    def _factory(
        self, factory: Site, context: Context, chain: tuple[ChainLink, ...]
    ) -> Optional[Problem]:
        """A ``default_factory``: judge what calling it makes."""
        for value in self.inferencer.called_values(factory):
            problem = self._value(value, context, chain, frozenset(), MAX_FOLLOW_DEPTH)
            if problem is not None:
                return problem
        return None

    def _hierarchy(self, cls: ClassValue, depth: int) -> tuple[list[ClassValue], list[str]]:
        """The workspace classes of an MRO (nearest first) and its library bases' names."""
        classes: list[ClassValue] = []
        library: list[str] = []
        pending = [cls]
        while pending and len(classes) < 16:
            current = pending.pop(0)
            node = current.definition.node
            assert isinstance(node, ast.ClassDef)
            classes.append(current)
            for base in node.bases:
                site = Site(current.module, base)
                bases = [v for v in self.inferencer.values(site, depth + 1)
                         if isinstance(v, ClassValue)]
                if bases:
                    pending.extend(b for b in bases if b not in classes)
                else:
                    library.extend(
                        n for n in self.inferencer.full_names(site) if n != "builtins.object"
                    )
        return classes, library


# -- helpers -------------------------------------------------------------------------------------
def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeio" else f"a {noun}"


def _caller_attributes(value: InstanceValue) -> list[tuple[str, Site]]:
    """``job.conn = ...`` where the code that made the instance (``job = Job(...)``) keeps
    it: attributes its callers add, which its ``__dict__`` holds all the same (the value each
    is last given there)."""
    call = value.constructor
    if call is None:
        return []
    module = call.module
    statement = module.parent(call.node)
    if not (
        isinstance(statement, ast.Assign) and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        return []
    name = statement.targets[0].id
    scope = module.enclosing_function(call.node)
    nodes = own_nodes(scope) if scope is not None else [
        n for top in module.tree.body
        if not isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        for n in ast.walk(top)
    ]
    last: dict[str, ast.Assign] = {}  # the value each attribute is left with
    for node in sorted((n for n in nodes if isinstance(n, ast.Assign)),
                       key=lambda n: (n.lineno, n.col_offset)):
        for target in node.targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and (
                target.value.id == name
            ):
                last[target.attr] = node
    return [(attribute, Site(module, node.value)) for attribute, node in last.items()]


def _bound_names(scope: ast.AST) -> set[str]:
    """The names a function (or lambda) binds itself: parameters, assignments, imports,
    definitions, loop and comprehension targets; ``global`` names are not its own."""
    names: set[str] = set()
    arguments = getattr(scope, "args", None)
    if isinstance(arguments, ast.arguments):
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                 *filter(None, (arguments.vararg, arguments.kwarg))]
        names.update(a.arg for a in every)
    declared_global: set[str] = set()
    for node in own_nodes(scope):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Global):
            declared_global.update(node.names)
    pending = child_nodes(scope)
    while pending:  # the functions and classes it defines (their bodies are their own)
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif not isinstance(node, ast.Lambda):
            pending.extend(child_nodes(node))
    return names - declared_global


def _free_names(function: ast.AST) -> list[ast.Name]:
    """The names a function reads that it does not bind (nested functions' included: their
    code goes along with it)."""
    scopes = [n for n in ast.walk(function)
              if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]
    bound = set().union(*(_bound_names(scope) for scope in scopes))
    comprehension_targets = {
        t.id for n in ast.walk(function) if isinstance(n, ast.comprehension)
        for t in ast.walk(n.target) if isinstance(t, ast.Name)
    }
    return [n for n in ast.walk(function)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            and n.id not in bound and n.id not in comprehension_targets]


@lru_cache(maxsize=64)
def _guarded_bindings(module: ModuleSyntax) -> frozenset[str]:
    """The globals only the script's ``if __name__ == "__main__":`` blocks bind."""
    guarded = [s for s in module.tree.body if is_main_guard(s)]
    others = [s for s in module.tree.body if not is_main_guard(s)]
    return frozenset(_bindings_of(guarded) - _bindings_of(others))


@lru_cache(maxsize=64)
def _module_bindings(module: ModuleSyntax) -> frozenset[str]:
    """The names a module's own top-level code binds (what ``f.__globals__`` holds of it)."""
    return frozenset(_bindings_of(module.tree.body))


def _bindings_of(statements: list[ast.stmt]) -> set[str]:
    """The names some top-level statements bind (not inside the functions they define)."""
    names: set[str] = set()
    pending: list[ast.AST] = list(statements)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        if not isinstance(node, ast.Lambda):
            pending.extend(child_nodes(node))
    return names


def _declares_global(function: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Global) and name in n.names for n in own_nodes(function))


def _called_at_import(module: ModuleSyntax, function: str) -> bool:
    """Whether the module's import-time code calls ``function`` (by its plain name)."""
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == function
        for statement in module.import_time_statements for n in run_on_import(statement)
    )


def _local_definition(outer: str, name: str, culprit: Location) -> ChainLink:
    """The step naming a definition made inside a function, by its qualified name."""
    return ChainLink(LinkKind.DEFINITION, f"{outer}.<locals>.{name}", culprit)


def _main_guard_problem(
    kind: str, name: str, chain: tuple[ChainLink, ...], culprit: Location
) -> Problem:
    link = ChainLink(LinkKind.DEFINITION, f"{kind} {name} under the __main__ guard", culprit)
    return MP004.problem(
        (*chain, link), culprit, PICKLING_START_METHODS, kind=kind, name=name,
    )


#: ``try`` and, where the parser has it, ``try``/``except*``.
_TRY_STATEMENTS = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))


def _handled_around(module: ModuleSyntax, node: ast.AST) -> bool:
    """Whether ``node`` (a ``raise`` in a worker) is in the body of a ``try`` with handlers in
    its function: what it raises may be caught there and never leave the worker. Any handler
    counts, whatever it names (an ``except OSError`` catches ``HTTPError``): a finding only
    for what escapes for sure."""
    child = node
    for parent in module.ancestors(node):
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return False
        if isinstance(parent, _TRY_STATEMENTS) and parent.handlers and any(
            child is statement for statement in parent.body
        ):
            return True
        child = parent
    return False


def _refusing_entry(full_name: str, context: Context) -> Optional[library_types.LibraryType]:
    """What the serializer itself said of this library type (the generated tables), when it
    refuses it and the code registered no reducer for it."""
    entry = serializers.library_outcome(context.serializer, full_name)
    if entry is None or entry.outcome is not library_types.Outcome.FAILS or _has_reducer(
        full_name, context
    ):
        return None
    return entry


def _library(full_name: str, context: Context, chain: tuple[ChainLink, ...]) -> Optional[Problem]:
    """The problem of a library type the serializer refuses (:func:`_refusing_entry`)."""
    entry = _refusing_entry(full_name, context)
    if entry is None:
        return None
    rule = MP006
    if entry.inheritance_only:
        if not context.refuses_shared_primitives:
            return None
        rule = MP007
    label = full_name if full_name in entry.runtime_types or len(entry.runtime_types) != 1 else (
        entry.runtime_types[0]
    )
    return _refused(rule, label, entry.error, entry.fix, context, chain)


def _kind(value: LibraryInstance, context: Context, chain: tuple[ChainLink, ...]) -> Optional[
    Problem
]:
    """A value whose type alone does not decide (a file, by its mode; a test case, by whether
    it runs): what the serializer did with that kind of value (the generated kinds table),
    named and advised as :data:`~mp_lsp.engine.knowledge.serializers.KIND_WORDING` says when
    its type's name would mislead."""
    assert value.kind is not None
    if _has_reducer(value.full_name, context):
        return None
    verdict = serializers.kind_outcome(context.serializer, value.kind)
    if verdict is None:
        return _library(value.full_name, context, chain)
    if verdict.outcome is serializers.Crossing.CROSSES:
        return None
    named, advice = serializers.KIND_WORDING.get(verdict.kind, (value.full_name, None))
    if advice is None:
        standard = library_types.lookup(value.full_name)
        advice = standard.fix if standard and standard.fix else "create it in the worker"
    return _refused(MP006, named, verdict.error, advice, context, chain)


def _has_reducer(full_name: str, context: Context) -> bool:
    """Whether the code registered a reducer for the type: ``io.TextIOWrapper`` is the C
    module's ``_io.TextIOWrapper`` re-exported, so a leading underscore does not tell them
    apart."""
    bare = full_name.lstrip("_")
    return any(name.lstrip("_") == bare for name in context.registered().library)


def _refused(
    rule: Rule, label: str, error: Optional[str], advice: Optional[str], context: Context,
    chain: tuple[ChainLink, ...],
) -> Problem:
    """A library value the serializer refuses, in its words."""
    return rule.problem(
        (*chain, ChainLink(LinkKind.TYPE, label)), None, ALL_START_METHODS,
        article=_a(label), error=error, advice=advice, serializer=context.serializer.title,
    )


def _module_name(module: ModuleSyntax) -> str:
    """The name pickle writes for a module's definitions: ``__main__`` for the script (a module
    with a ``__main__`` guard), else the importable name."""
    if module.has_main_guard:
        return "__main__"
    return scan.module_name(module.path) or "__main__"


Method = Union[ast.FunctionDef, ast.AsyncFunctionDef]


def _methods_that_ran(
    classes: list[ClassValue], touched: frozenset[str], read: frozenset[str] = frozenset()
) -> list[tuple[ClassValue, Method]]:
    """The methods (nearest definition in the MRO) that ran before the instance was sent:
    construction, what the sender touched (or, for a ``cached_property``, read), and what
    those call (or read) on ``self``."""
    methods: dict[str, tuple[ClassValue, Method]] = {}
    for cls in classes:
        node = cls.definition.node
        assert isinstance(node, ast.ClassDef)
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                methods.setdefault(item.name, (cls, item))
    ran = {name for name in methods if name in CONSTRUCTION or name in touched or (
        name in read and _caches_in_instance(methods[name][1]))}
    pending = list(ran)
    while pending:
        method = methods[pending.pop()][1]
        self_name = instance_parameter(method)
        for inner in own_nodes(method):
            if (
                isinstance(inner, ast.Attribute)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == self_name
                and inner.attr in methods
                and inner.attr not in ran
            ):
                ran.add(inner.attr)
                pending.append(inner.attr)
    # ``super().__init__()`` reaches the bases' constructors too.
    ran_methods = [methods[name] for name in sorted(ran)]
    for cls in classes:
        node = cls.definition.node
        assert isinstance(node, ast.ClassDef)
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                item.name in CONSTRUCTION and (cls, item) not in ran_methods
            ):
                ran_methods.append((cls, item))
    return ran_methods


def _instance_attributes(
    classes: list[ClassValue],
    touched: frozenset[str],
    read: frozenset[str],
    wrappers_of: Callable[[Method, ModuleSyntax], list[tuple[Method, ModuleSyntax]]],
) -> list[tuple[str, Site, Optional[str], bool]]:
    """``self.x = value`` in the methods that ran, and in the wrappers their decorators run in
    their place (``wrappers_of``: :func:`~mp_lsp.engine.binding.wrappers`), and dataclass
    fields: attribute, value site, the ``__init__`` parameter the value is, when it is one (to
    bind constructor arguments), and whether the value is an item of the attribute:
    ``self.x.append(value)`` (``add``, ``appendleft``) puts it in the container self holds.
    A ``cached_property`` that was read (it "ran") holds what its getter returned.
    """
    found: list[tuple[str, Site, Optional[str], bool]] = []
    names_seen: set[str] = set()
    for cls, method in _methods_that_ran(classes, touched, read):
        self_name = instance_parameter(method)
        if self_name is None:
            continue
        if _caches_in_instance(method):
            for inner in own_nodes(method):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    found.append((method.name, Site(cls.module, inner.value), None, False))
                    names_seen.add(method.name)
        params = {a.arg for a in method.args.args[1:] + method.args.kwonlyargs}
        runs = [(method, cls.module, self_name)] + [
            (wrapper, module, positional[0].arg)
            for wrapper, module in wrappers_of(method, cls.module)
            if (positional := wrapper.args.posonlyargs + wrapper.args.args)
        ]
        for function, module, instance_name in runs:
            for attribute, assigned, item in _stores_on(function, instance_name):
                parameter = (
                    assigned.id
                    if function is method and method.name == "__init__" and not item
                    and isinstance(assigned, ast.Name) and assigned.id in params
                    else None
                )
                found.append((attribute, Site(module, assigned), parameter, item))
                names_seen.add(attribute)
    for cls in classes:
        node = cls.definition.node
        assert isinstance(node, ast.ClassDef)
        if not _is_dataclass(node):
            continue
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign) or not isinstance(
                statement.target, ast.Name
            ):
                continue
            name = statement.target.id
            if name in names_seen or _is_class_var(statement):
                continue
            # No default: the field's name, which jedi types by its annotation.
            value = _field_default(statement.value) if statement.value else statement.target
            found.append((name, Site(cls.module, value), name, False))
            names_seen.add(name)
    return found


def _stores_on(function: Method, self_name: str) -> Iterator[tuple[str, ast.expr, bool]]:
    """What ``function`` stores on the instance its parameter ``self_name`` is: attribute,
    value, and whether the value is an item of the attribute (``self.x.append(value)``)."""
    for inner in own_nodes(function):
        grown = growth(inner)
        if grown is not None:
            holder, added, each = grown
            if not each and _is_attribute_of(holder, self_name):
                assert isinstance(holder, ast.Attribute)
                yield holder.attr, added, True
            continue
        if isinstance(inner, ast.Assign):
            targets, value = inner.targets, inner.value
        elif isinstance(inner, ast.AnnAssign) and inner.value is not None:
            targets, value = [inner.target], inner.value
        else:
            continue
        for target, assigned in _paired(targets, value):
            if _is_attribute_of(target, self_name):
                assert isinstance(target, ast.Attribute)
                yield target.attr, assigned, False


def _is_attribute_of(node: ast.expr, name: str) -> bool:
    """Whether ``node`` is ``name.attribute``."""
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
        node.value.id == name
    )


def _paired(targets: list[ast.expr], value: ast.expr) -> list[tuple[ast.expr, ast.expr]]:
    """Each target with the value it gets: ``self.a, self.b = a, b`` pairs them up. Unpacking
    anything else into attributes only (``self.codec, self.suffix = load_codec()``) gives each
    the whole value: together they hold all of it."""
    pairs: list[tuple[ast.expr, ast.expr]] = []
    for target in targets:
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
                and len(target.elts) == len(value.elts) and not any(
                    isinstance(e, ast.Starred) for e in (*target.elts, *value.elts)):
            pairs.extend(zip(target.elts, value.elts))
        elif isinstance(target, (ast.Tuple, ast.List)) and all(
            isinstance(e, ast.Attribute) for e in target.elts
        ):
            pairs.extend((element, value) for element in target.elts)
        else:
            pairs.append((target, value))
    return pairs


def _is_field_default(site: Site) -> bool:
    statement = site.module.parent(site.node)
    return isinstance(statement, ast.AnnAssign) or _is_factory(site)


def _is_factory(site: Site) -> bool:
    parent = site.module.parent(site.node)
    return isinstance(parent, ast.keyword) and parent.arg == "default_factory"


def _field_default(default: ast.expr) -> ast.expr:
    """The value a dataclass field gets when the constructor leaves it out.

    ``field(default_factory=threading.Lock)`` is represented by the factory expression, which
    the judge reads as "a call of this" (see :meth:`Judge._factory`).
    """
    if isinstance(default, ast.Call) and (dotted_name(default.func) or "").endswith("field"):
        for keyword in default.keywords:
            if keyword.arg in {"default", "default_factory"}:
                return keyword.value
    return default


def _decorated_by(node: Union[Method, ast.ClassDef], names: frozenset[str]) -> bool:
    """Whether a decorator of ``node`` (called or not) has one of ``names`` as its last
    dotted part (``@functools.cached_property``, ``@dataclass(frozen=True)``)."""
    return any(
        (dotted_name(d.func if isinstance(d, ast.Call) else d) or "").split(".")[-1] in names
        for d in node.decorator_list
    )


def _caches_in_instance(method: Method) -> bool:
    """Whether the method is a ``cached_property`` (:data:`CACHING_PROPERTIES`)."""
    return _decorated_by(method, CACHING_PROPERTIES)


def _is_dataclass(node: ast.ClassDef) -> bool:
    return _decorated_by(node, DATACLASS_DECORATORS)


def _generates_eq(cls: ClassValue) -> bool:
    """Whether a dataclass (or attrs) decorator gives the class an ``__eq__`` (``eq=False``
    does not)."""
    node = cls.definition.node
    assert isinstance(node, ast.ClassDef)
    for decorator in node.decorator_list:
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        if (dotted_name(called) or "").split(".")[-1] not in DATACLASS_DECORATORS:
            continue
        eq = keyword_arguments(decorator).get("eq") if isinstance(decorator, ast.Call) else None
        if not (isinstance(eq, ast.Constant) and eq.value is False):
            return True
    return False


def _is_class_var(statement: ast.AnnAssign) -> bool:
    return "ClassVar" in ast.unparse(statement.annotation)


def _dataclass_fields(node: ast.ClassDef) -> list[str]:
    return [
        s.target.id
        for s in node.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
        and not _is_class_var(s)
    ]


def _constructor_bindings(value: InstanceValue, classes: list[ClassValue]) -> dict[str, Site]:
    """Constructor arguments by the parameter (or dataclass field) they bind to."""
    call_site = value.constructor
    if call_site is None or not isinstance(call_site.node, ast.Call):
        return {}
    call = call_site.node
    parameters: list[str] = []
    defaults: dict[str, Site] = {}
    for cls in classes:
        node = cls.definition.node
        assert isinstance(node, ast.ClassDef)
        init = next(
            (m for m in node.body if isinstance(m, ast.FunctionDef) and m.name == "__init__"),
            None,
        )
        if init is not None:
            parameters = [a.arg for a in (init.args.posonlyargs + init.args.args)[1:]]
            defaults = {name: Site(cls.module, d)
                        for name, d in parameter_defaults(init.args).items()}
            break
        if _is_dataclass(node):
            parameters = _dataclass_fields(node)
            break
    passed, complete = bound_arguments(parameters, call)
    bindings = {name: Site(call_site.module, e) for name, e in passed.items()}
    # what a call that shows all it passes leaves out gets its default (``out=sys.stdout``)
    return {**defaults, **bindings} if complete else bindings
