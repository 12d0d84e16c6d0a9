"""Rules: turn (sink, argument, verdict, start methods) into findings.

For each sink site the checker finds the expressions each pickled parameter receives (the
argument itself, each item of an iterable, each element of ``args``), asks the judge about them,
intersects the start methods under which the problem bites with those under which the sink
pickles and those the code or the settings allow, and words the finding.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Optional

from mp_lsp.engine.findings import (
    PICKLING_START_METHODS,
    ChainLink,
    Finding,
    LinkKind,
    Severity,
    StartMethod,
)
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.judge import Context, Judge
from mp_lsp.engine.knowledge.python import ADDING_METHODS, EXTENDING_METHODS, ITEM_PASSTHROUGH
from mp_lsp.engine.knowledge.sinks import PickledParam, Role, Sent
from mp_lsp.engine.reducers import Registered, registered_reducers
from mp_lsp.engine.resolve import SinkSite
from mp_lsp.engine.rules.rule import Problem
from mp_lsp.engine.syntax import ModuleSyntax, call_argument, own_nodes, shorten
from mp_lsp.engine.targets import Target
from mp_lsp.engine.values import FunctionValue, Site


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

    @cached_property
    def _registered(self) -> Registered:
        return registered_reducers(self.module, self.inferencer)

    def verdicts(self, sink: SinkSite) -> list[Verdict]:
        """One verdict per argument the sink pickles (the first bad item speaks for it)."""
        if sink.spec.pickles_receiver:
            receiver = sink.candidate.receiver
            assert receiver is not None
            problem = self.judge.judge(
                Site(self.module, receiver),
                Context(False, self._touched_before(sink), self._registered),
            )
            finding = self._finding(sink, receiver, problem, PICKLING_START_METHODS)
            return [Verdict(receiver, "the process object", problem, finding)]
        context = Context(
            sink.spec.refuses_shared_primitives, self._touched_before(sink), self._registered
        )
        verdicts: dict[int, Verdict] = {}
        for sent in self.sent_values(sink):
            if self.inferencer.budget.expired():
                break
            known = verdicts.get(id(sent.anchor))
            if known is not None and known.finding is not None:
                continue
            problem = self.judge.judge(sent.site, context, sent.prefix)
            if problem is None and sent.param.role is Role.FUNCTION and sink.spec.results_pickled:
                problem = self._results_problem(sent)
            finding = self._finding(sink, sent.anchor, problem, sent.param.when)
            verdicts[id(sent.anchor)] = Verdict(sent.anchor, sent.param.name, problem, finding)
        return list(verdicts.values())

    def _scope(self, node: ast.AST) -> ast.AST:
        return self.module.enclosing_function(node) or self.module.tree

    def _touched_before(self, sink: SinkSite) -> frozenset[str]:
        """Attribute names used in the sink's scope up to the sink (methods that ran)."""
        node = sink.candidate.node
        line = node.lineno  # type: ignore[attr-defined]
        scope = self._scope(node)
        body = own_nodes(scope) if isinstance(scope, ast.Module) else ast.walk(scope)
        return frozenset(
            inner.attr
            for inner in body
            if isinstance(inner, ast.Attribute) and inner.lineno <= line
        )

    def _results_problem(self, sent: SentValue) -> Optional[Problem]:
        for value in self.inferencer.values(sent.site):
            if isinstance(value, FunctionValue):
                problem = self.judge.judge_results(
                    value, Context(True, registered=self._registered), sent.prefix
                )
                if problem is not None:
                    return problem
        return None

    # -- what each parameter sends -----------------------------------------------------------
    def sent_values(self, sink: SinkSite) -> Iterator[SentValue]:
        candidate = sink.candidate
        call = candidate.node if isinstance(candidate.node, ast.Call) else None
        for param in sink.spec.params:
            if param.sent is Sent.REST_POSITIONAL:
                for arg in candidate.args[param.position or 0:]:
                    yield self._whole(arg, param)
                continue
            if param.sent is Sent.REST_KEYWORD:
                for name, value in candidate.keywords:
                    if name is not None:
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
            else:
                yield self._whole(expr, param)

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
            if not (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Attribute)
                and isinstance(inner.func.value, ast.Name)
                and inner.func.value.id == name
                and inner.args
            ):
                continue
            if inner.func.attr in ADDING_METHODS:
                yield SentValue(Site(module, inner.args[-1]), anchor,
                                (*prefix, ChainLink(LinkKind.ITEM)), param)
            elif inner.func.attr in EXTENDING_METHODS:
                yield from self._items(Site(module, inner.args[0]), anchor, prefix, param,
                                       depth + 1)

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
