"""Rules: turn (sink, argument, verdict, start methods) into findings.

For each sink site the checker finds the expressions each pickled parameter receives (the
argument itself, each item of an iterable, each element of ``args``), asks the judge about them,
intersects the start methods under which the problem bites with those under which the sink
pickles and those the code or the settings allow, and words the finding.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Iterator, Optional

from mp_lsp.engine.findings import (
    ALL_START_METHODS,
    PICKLING_START_METHODS,
    ChainLink,
    Finding,
    LinkKind,
    Severity,
    StartMethod,
)
from mp_lsp.engine.imports import imported_name
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.judge import Context, Judge
from mp_lsp.engine.knowledge.python import ITEM_PASSTHROUGH
from mp_lsp.engine.knowledge.sinks import PickledParam, Role, Sent
from mp_lsp.engine.reducers import Registered, registered_reducers
from mp_lsp.engine.resolve import SinkSite
from mp_lsp.engine.rules.rule import Problem
from mp_lsp.engine.syntax import (
    ModuleSyntax,
    call_argument,
    dotted_name,
    growth,
    own_nodes,
    shorten,
)
from mp_lsp.engine.targets import Target
from mp_lsp.engine.values import ClassValue, FunctionValue, InstanceValue, ModuleObject, Site


def _delayed_call(node: ast.AST) -> Optional[ast.Call]:
    """``delayed(f)(...)`` (joblib's or dask's): the outer call, or ``None``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Call) and node.func.args and (
        (dotted_name(node.func.func) or "").split(".")[-1] == "delayed"
    ):
        return node
    return None


def _decorated_delayed(function: FunctionValue) -> bool:
    node = function.definition.node
    return any((dotted_name(d.func if isinstance(d, ast.Call) else d) or "").split(".")[-1]
               == "delayed" for d in getattr(node, "decorator_list", ()))


def _is_module(inferencer: Inferencer, site: Site) -> bool:
    """``dask.delayed(...)``, ``db.from_sequence(...)``: a call of a module's function."""
    return any(isinstance(v, ModuleObject) for v in inferencer.values(site)) or (
        isinstance(site.node, ast.Name) and imported_name(site.module, site.node) is not None)


def _method(cls: ClassValue, name: str) -> Optional[FunctionValue]:
    """A method a workspace class defines in its own body."""
    node = cls.definition.node
    assert isinstance(node, ast.ClassDef)
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            statement.name == name
        ):
            return FunctionValue(cls.module, cls.module.describe_definition(statement))
    return None


@dataclass(frozen=True)
class SentValue:
    """One expression that a sink pickles.

    ``anchor`` is the argument at the sink (where the finding goes); ``site`` is what is
    judged, which may be an item found elsewhere (``jobs`` → its list literal → ``Job(...)``);
    ``prefix`` is the chain from the argument to that item.
    """

    site: Site
    anchor: ast.expr
    prefix: tuple[ChainLink, ...]
    param: PickledParam


@dataclass(frozen=True)
class Verdict:
    """What became of one argument of a sink: the problem, and the finding if it bites under
    the start methods in play (a spawn-only problem under fork has a problem, no finding)."""

    anchor: ast.expr
    param: str
    problem: Optional[Problem]
    finding: Optional[Finding]


@dataclass(frozen=True)
class Outcome:
    """Under which *default* start methods a problem makes the program fail, and so how loud
    the finding is and what it says about where it bites.

    Labels, settings and users speak of the platform's default start method, which depends on
    the platform and the Python (:mod:`mp_lsp.engine.targets`). An error fails under every
    start method the code can run under, or under the default start method of every platform
    it targets; anything else is a warning that says where it fails ("fails on macOS and
    Windows, and on Linux from Python 3.14"). When the code fixes a start method for a sink
    (``get_context("spawn")``), the failure does not depend on the default: it happens under
    every default, or under none. The ``start-method`` setting overrides the defaults.
    """

    failing: frozenset[StartMethod]
    considered: frozenset[StartMethod]
    fixed: Optional[StartMethod]
    #: Where the code runs; ``None``: every platform, from the oldest Python.
    target: Optional[Target] = None

    @classmethod
    def of(
        cls,
        fails_under: frozenset[StartMethod],
        setting: Optional[StartMethod],
        fixed: Optional[StartMethod],
        target: Optional[Target] = None,
    ) -> Outcome:
        where = target if target is not None else Target()
        available = where.start_methods
        considered = frozenset({setting}) & available if setting else available
        if fixed is not None:
            failing = considered if fixed in fails_under else frozenset()
        else:
            failing = fails_under & considered
        return cls(failing, considered, fixed, target if setting is None else None)

    @property
    def severity(self) -> Severity:
        if self.failing >= self.considered:
            return Severity.ERROR
        if self.fixed is None and self.target is not None and (
            self.target.fails_by_default_everywhere(self.failing)
        ):
            return Severity.ERROR
        return Severity.WARNING

    @property
    def note(self) -> str:
        if self.fixed is not None:
            return f" (this code fixes the `{self.fixed.value}` start method)"
        if self.failing >= self.considered:
            return ""
        where = (self.target or Target()).where(self.failing)
        if where:
            return f" (fails {where})"
        return " (under " + ", ".join(sorted(m.value for m in self.failing)) + ")"


class Checker:
    def __init__(
        self,
        module: ModuleSyntax,
        inferencer: Inferencer,
        setting: Optional[StartMethod],
        target: Optional[Target] = None,
    ) -> None:
        self.module = module
        self.inferencer = inferencer
        self.judge = Judge(inferencer)
        self.setting = setting
        #: Where the module runs (:mod:`mp_lsp.engine.targets`); narrowed per sink.
        self.target = target
        self._registrations: Optional[Registered] = None

    def _registered(self) -> Registered:
        """The module's registered reducers, looked up when the judge first asks (a workspace
        instance, a library value the serializer refuses): most sinks send nothing of the kind,
        and the lookup reads the workspace modules the sender imports, three levels deep."""
        if self._registrations is None:
            self._registrations = registered_reducers(self.module, self.inferencer)
        return self._registrations

    def verdicts(self, sink: SinkSite) -> list[Verdict]:
        """One verdict per argument the sink pickles (the first bad item speaks for it)."""
        called, read = self._touched_before(sink)
        if sink.spec.pickles_receiver:
            receiver = sink.candidate.receiver
            assert receiver is not None
            problem = self.judge.judge(
                Site(self.module, receiver),
                Context(False, called, self._registered, read=read),
            )
            finding = self._finding(sink, receiver, problem, PICKLING_START_METHODS)
            return [Verdict(receiver, "the process object", problem, finding)]
        context = Context(
            sink.spec.refuses_shared_primitives, called, self._registered, sink.serializer,
            read=read,
        )
        verdicts: dict[object, Verdict] = {}
        for sent in self.sent_values(sink):
            if self.inferencer.budget.expired():
                break
            known = verdicts.get(id(sent.anchor))
            if known is not None and known.finding is not None:
                continue
            problem = self.judge.judge(sent.site, context, sent.prefix)
            when = sent.param.when
            if (problem is None or when != ALL_START_METHODS) and (
                sent.param.role is Role.FUNCTION and sent.param.returns
                and sink.spec.results_pickled
            ):
                # results come back pickled whatever started the worker: under fork a
                # ``collate_fn`` is not sent, but the batches it makes are
                results = self._results_problem(sent, sink, sent.param.lists_iterators)
                if results is not None:
                    problem, when = results, ALL_START_METHODS
            finding = self._finding(sink, sent.anchor, problem, when)
            verdicts[id(sent.anchor)] = Verdict(sent.anchor, sent.param.name, problem, finding)
        results = self._item_results(sink)
        if results is not None:
            verdicts[("results", id(results.anchor))] = results
        return list(verdicts.values())

    def _item_results(self, sink: SinkSite) -> Optional[Verdict]:
        """What a ``DataLoader``'s workers send back: its dataset's ``__getitem__`` results,
        pickled under every start method (unless a ``collate_fn`` makes the batches)."""
        spec = sink.spec
        call = sink.candidate.node
        if spec.item_results is None or not isinstance(call, ast.Call):
            return None
        param = next(p for p in spec.params if p.name == spec.item_results)
        if any(call_argument(call, p.name, p.position) is not None
               for p in spec.params if p.role is Role.FUNCTION and p.returns):
            return None
        dataset = call_argument(call, param.name, param.position)
        if dataset is None:
            return None
        context = Context(True, registered=self._registered, serializer=sink.serializer)
        for value in self.inferencer.values(Site(self.module, dataset)):
            if not (isinstance(value, InstanceValue) and isinstance(value.cls, ClassValue)):
                continue
            for cls in self.judge.hierarchy(value.cls):
                method = _method(cls, "__getitem__")
                if method is None:
                    continue
                prefix = (self._root(dataset), ChainLink(LinkKind.ATTRIBUTE, "__getitem__()"))
                problem = self.judge.judge_results(method, context, prefix)
                finding = self._finding(sink, dataset, problem, ALL_START_METHODS)
                return Verdict(dataset, "batches", problem, finding)
        return None

    def _scope(self, node: ast.AST) -> ast.AST:
        return self.module.enclosing_function(node) or self.module.tree

    def _touched_before(self, sink: SinkSite) -> tuple[frozenset[str], frozenset[str]]:
        """Methods called in the sink's scope up to the sink (methods that ran): a method only
        passed along (``worker_init_fn=ds.open_in_worker``) has not run; the method the sink
        is in, which is running (what it stores on ``self`` before a later send of ``self``
        goes too: ``self.futures.append(pool.submit(self.run_one, batch))`` in a loop); and
        the attributes read there, called or not (a ``cached_property`` read has run)."""
        node = sink.candidate.node
        line = node.lineno  # type: ignore[attr-defined]
        scope = self._scope(node)
        body = own_nodes(scope) if isinstance(scope, ast.Module) else ast.walk(scope)
        before = [inner for inner in body if getattr(inner, "lineno", line + 1) <= line]
        running = {scope.name} if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            self.module.enclosing_class(scope) is not None) else set()
        called = frozenset(
            inner.func.attr for inner in before
            if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
        ) | running
        read = frozenset(
            inner.attr for inner in before
            if isinstance(inner, ast.Attribute) and isinstance(inner.ctx, ast.Load)
        )
        return called, read

    def _results_problem(
        self, sent: SentValue, sink: SinkSite, lists_iterators: bool = False
    ) -> Optional[Problem]:
        context = Context(True, registered=self._registered, serializer=sink.serializer,
                          lists_iterators=lists_iterators)
        for value in self.inferencer.values(sent.site):
            if isinstance(value, ClassValue):  # ``collate_fn=Batch``: its instances come back
                problem = self.judge.judge_made(value, context, sent.prefix)
                if problem is not None:
                    return problem
            if isinstance(value, FunctionValue):
                problem = self.judge.judge_results(value, context, sent.prefix)
                if problem is not None:
                    return problem
        return None

    # -- what each parameter sends -----------------------------------------------------------
    def sent_values(self, sink: SinkSite) -> Iterator[SentValue]:
        candidate = sink.candidate
        call = candidate.node if isinstance(candidate.node, ast.Call) else None
        for param in sink.spec.params:
            if param.sent is Sent.RECEIVER:
                if candidate.receiver is not None:
                    yield self._whole(candidate.receiver, param)
                continue
            if param.sent is Sent.REGISTRY:
                if candidate.receiver is not None:
                    yield from self._registry(candidate.receiver, param)
                continue
            if param.sent is Sent.GRAPH:
                exprs = list(candidate.args) if param.position is not None else (
                    [candidate.receiver] if candidate.receiver is not None else [])
                for expr in exprs:
                    yield from self._graph(Site(self.module, expr), expr, (self._root(expr),),
                                           param)
                continue
            if param.sent is Sent.REST_POSITIONAL:
                for arg in candidate.args[param.position or 0:]:
                    yield self._whole(arg, param)
                continue
            if param.sent is Sent.REST_KEYWORD:
                # each keyword, and each value of a ``**mapping`` (its keys are names)
                for _, value in candidate.keywords:
                    yield self._whole(value, param)
                continue
            if param.sent is Sent.REST_ITERABLES:
                for arg in candidate.args[param.position or 0:]:
                    yield from self._items(Site(self.module, arg), arg, (self._root(arg),), param)
                continue
            if call is not None:
                expr = call_argument(call, param.name, param.position)
            elif param.position is not None and param.position < len(candidate.args):
                expr = candidate.args[param.position]
            else:
                expr = None
            if expr is None:
                continue
            if param.sent is Sent.EACH_ITEM:
                yield from self._items(Site(self.module, expr), expr, (self._root(expr),), param)
            elif param.sent is Sent.DELAYED_CALLS:
                for item in self._items(Site(self.module, expr), expr, (self._root(expr),),
                                        param):
                    yield from self._delayed(item)
            else:
                yield self._whole(expr, param)

    def _registry(self, receiver: ast.expr, param: PickledParam) -> Iterator[SentValue]:
        """What ``BaseManager.start()`` starts its server with: the registry of the manager's
        class, filled by ``register(typeid, callable, proxytype)`` calls on it or on a
        workspace base (a class's first ``register`` copies its bases' entries), in this
        module or the classes' own."""
        classes = [
            cls
            for value in self.inferencer.values(Site(self.module, receiver))
            if isinstance(value, InstanceValue) and isinstance(value.cls, ClassValue)
            for cls in self.judge.hierarchy(value.cls)
        ]
        owners = {id(cls.definition.node) for cls in classes}
        modules = {id(m): m for m in (self.module, *(cls.module for cls in classes))}
        root = self._root(receiver)
        for module in modules.values() if owners else ():
            for call in module.calls_named("register"):
                func = call.func
                if not isinstance(func, ast.Attribute) or not any(
                    isinstance(v, ClassValue) and id(v.definition.node) in owners
                    for v in self.inferencer.values(Site(module, func.value))
                ):
                    continue
                typeid = shorten(module.segment(call.args[0]) or "?", 30) if call.args else "?"
                link = ChainLink(LinkKind.REGISTERED, typeid, module.location(call))
                for name, position in (("callable", 1), ("proxytype", 2)):
                    entry = call_argument(call, name, position)
                    if entry is not None:
                        yield SentValue(Site(module, entry), receiver, (root, link), param)

    def _delayed(self, item: SentValue, depth: int = 0) -> Iterator[SentValue]:
        """joblib's ``delayed(f)(*args, **kwargs)``: a tuple of the function and its
        arguments, each pickled (the function as what runs in the worker)."""
        node = item.site.node
        module = item.site.module
        if isinstance(node, ast.Name) and depth < 3:
            bound = self.inferencer.assigned_value(item.site)
            if bound is not None:
                yield from self._delayed(replace(item, site=bound), depth + 1)
            return
        call = _delayed_call(node)
        if call is None:
            return
        function = call.func.args[0]  # type: ignore[attr-defined]
        yield self._part(item, Site(module, function), item.param)
        data = replace(item.param, name="args", role=Role.DATA)
        for argument in (*call.args, *(k.value for k in call.keywords)):
            if not isinstance(argument, ast.Starred):
                yield self._part(item, Site(module, argument), data)

    def _part(self, item: SentValue, site: Site, param: PickledParam) -> SentValue:
        """A part of an item, anchored on itself when it is written in this module (the
        finding then marks ``f`` of ``delayed(f)(x)``, not the whole generator)."""
        if site.module is self.module:
            return SentValue(site, site.node, (self._root(site.node),), param)
        return SentValue(site, item.anchor, item.prefix, param)

    def _graph(
        self,
        site: Site,
        anchor: ast.expr,
        prefix: tuple[ChainLink, ...],
        param: PickledParam,
        depth: int = 0,
    ) -> Iterator[SentValue]:
        """What a dask collection's task graph holds: the function and the arguments of each
        ``delayed(f)(...)``, the functions and data of each step of a method chain
        (``db.from_sequence(items).map(f)``), followed through names and literals."""
        node = site.node
        module = site.module
        if depth > 8:
            return
        function_param = replace(param, role=Role.FUNCTION)
        data_param = replace(param, role=Role.DATA)
        if isinstance(node, ast.Starred):
            yield from self._graph(Site(module, node.value), anchor, prefix, param, depth + 1)
            return
        if isinstance(node, (ast.Name, ast.Attribute)):
            bound = self.inferencer.assigned_value(site)
            if bound is not None:
                yield from self._graph(bound, anchor, prefix, param, depth + 1)
            return
        if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.ListComp, ast.GeneratorExp)):
            for item in self._items(site, anchor, prefix, param):
                yield from self._graph(item.site, anchor, item.prefix, param, depth + 1)
            return
        if not isinstance(node, ast.Call):
            return
        item = SentValue(site, anchor, prefix, param)
        delayed = _delayed_call(node)
        if delayed is not None:
            yield self._part(item, Site(module, delayed.func.args[0]),  # type: ignore[attr-defined]
                             function_param)
            arguments: list[ast.expr] = [*delayed.args, *(k.value for k in delayed.keywords)]
        elif isinstance(node.func, ast.Attribute) and not _is_module(
            self.inferencer, Site(module, node.func.value)
        ):
            # a step of a chain (``bag.map(f)``): its function runs in the workers, the rest is
            # data; a bag lists the iterators its functions return, so those are not sent
            yield from self._graph(Site(module, node.func.value), anchor, prefix, param,
                                   depth + 1)
            arguments = [*node.args, *(k.value for k in node.keywords)]
            for argument in arguments[:1]:
                yield self._part(item, Site(module, argument),
                                 replace(function_param, lists_iterators=True))
            arguments = arguments[1:]
        else:
            arguments = [*node.args, *(k.value for k in node.keywords)]
            if any(_decorated_delayed(v) for v in self.inferencer.values(Site(module, node.func))
                   if isinstance(v, FunctionValue)):
                # ``@dask.delayed def f``: a call of it is a task, its result is sent back
                yield self._part(item, Site(module, node.func), function_param)
                for argument in arguments:
                    yield from self._graph(Site(module, argument), anchor, prefix, param,
                                           depth + 1)
        for argument in arguments:
            if not isinstance(argument, ast.Starred):
                yield self._part(item, Site(module, argument), data_param)

    def _whole(self, expr: ast.expr, param: PickledParam) -> SentValue:
        return SentValue(Site(self.module, expr), expr, (self._root(expr),), param)

    def _root(self, expr: ast.expr) -> ChainLink:
        return ChainLink(LinkKind.ARGUMENT, shorten(self.module.segment(expr) or "argument", 30))

    def _items(
        self,
        iterable: Site,
        anchor: ast.expr,
        prefix: tuple[ChainLink, ...],
        param: PickledParam,
        depth: int = 0,
    ) -> Iterator[SentValue]:
        """The expressions for the items of an iterable, as far as the syntax shows them."""
        node = iterable.node
        module = iterable.module
        if depth > 6:
            return
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for index, element in enumerate(node.elts):
                if isinstance(element, ast.Starred):
                    link = ChainLink(LinkKind.UNPACKED, str(index))
                    yield from self._items(Site(module, element.value), anchor,
                                           (*prefix, link), param, depth + 1)
                else:
                    link = ChainLink(LinkKind.INDEX, str(index))
                    yield SentValue(Site(module, element), anchor, (*prefix, link), param)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            yield SentValue(Site(module, node.elt), anchor, (*prefix, ChainLink(LinkKind.ITEM)),
                            param)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
            # ``[log] * 3``, ``head + tail``: the items of the sequences in it
            for operand in (node.left, node.right):
                if not (isinstance(operand, ast.Constant) and isinstance(operand.value, int)):
                    yield from self._items(Site(module, operand), anchor, prefix, param,
                                           depth + 1)
        elif isinstance(node, ast.DictComp):
            yield SentValue(Site(module, node.key), anchor,
                            (*prefix, ChainLink(LinkKind.ANY_KEY)), param)
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    yield SentValue(Site(module, key), anchor,
                                    (*prefix, ChainLink(LinkKind.ANY_KEY)), param)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
            node.func.id in ITEM_PASSTHROUGH
        ):
            function = node.func.id
            sources = node.args if function == "zip" else (
                node.args[-1:] if function == "filter" else node.args[:1])
            for index, source in enumerate(sources):
                step = f"{function}[{index}]" if function == "zip" else f"{function}()"
                link = ChainLink(LinkKind.PASSED_THROUGH, step)
                yield from self._items(Site(module, source), anchor, (*prefix, link), param,
                                       depth + 1)
        elif isinstance(node, ast.Call):
            # ``build_shapes()``: the items of what a workspace function returns.
            for value in self.inferencer.values(Site(module, node.func)):
                if isinstance(value, FunctionValue) and not isinstance(
                    value.definition.node, ast.Lambda
                ):
                    for inner in own_nodes(value.definition.node):
                        if isinstance(inner, ast.Return) and inner.value is not None:
                            yield from self._items(Site(value.module, inner.value), anchor,
                                                   (*prefix, ChainLink(LinkKind.CALL_RESULT)),
                                                   param, depth + 1)
        elif isinstance(node, (ast.Name, ast.Attribute)):
            value = self.inferencer.assigned_value(iterable)
            if value is not None:
                yield from self._items(value, anchor, prefix, param, depth + 1)
            if isinstance(node, ast.Name):
                yield from self._grown_items(iterable, anchor, prefix, param, depth)

    def _grown_items(
        self,
        iterable: Site,
        anchor: ast.expr,
        prefix: tuple[ChainLink, ...],
        param: PickledParam,
        depth: int,
    ) -> Iterator[SentValue]:
        """Items added by ``name.append(x)`` / ``name.extend(xs)`` / ``name.add(x)`` in the
        scope where the iterable is used."""
        assert isinstance(iterable.node, ast.Name)
        name = iterable.node.id
        module = iterable.module
        scope = self._scope(iterable.node) if module is self.module else module.tree
        calls = module.nodes_of(ast.Call) if isinstance(scope, ast.Module) else ast.walk(scope)
        for inner in calls:
            grown = growth(inner)
            if grown is None:
                continue
            container, added, each = grown
            if not (isinstance(container, ast.Name) and container.id == name):
                continue
            if each:
                yield from self._items(Site(module, added), anchor, prefix, param, depth + 1)
            else:
                yield SentValue(Site(module, added), anchor,
                                (*prefix, ChainLink(LinkKind.ITEM)), param)

    # -- wording -------------------------------------------------------------------------------
    def _finding(
        self,
        sink: SinkSite,
        anchor: ast.AST,
        problem: Optional[Problem],
        when: frozenset[StartMethod],
    ) -> Optional[Finding]:
        if problem is None:
            return None
        target = self.target.at(self.module, sink.candidate.node) if self.target else None
        outcome = Outcome.of(problem.fails_under & when, self.setting, sink.start_method, target)
        if not outcome.failing:
            return None
        return Finding(
            code=problem.code,
            message=problem.rule.sentence(problem, sink.spec.api) + outcome.note,
            path=self.module.path,
            span=self.module.span(anchor),
            severity=outcome.severity,
            start_methods=outcome.failing,
            chain=problem.chain,
            culprit=problem.culprit,
            sink=sink.spec.api,
            fix_hints=(("fix", problem.fix),),
        )
