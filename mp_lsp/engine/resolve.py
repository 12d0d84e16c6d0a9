"""Which candidate calls really are sinks: ask jedi what the receiver is, look it up in the table.

jedi resolves aliases, ``with`` targets, ``self.pool`` and pools returned from helpers in other
files. Where it loses the type (``with ProcessPoolExecutor() as ex`` infers as the abstract
``Executor``), the call that created the receiver decides. Thread pools and other look-alikes
resolve to "not a sink", and the pipeline stops there for that call.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Optional

from mp_lsp.engine.findings import StartMethod
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.knowledge import sinks
from mp_lsp.engine.scan import Candidate
from mp_lsp.engine.syntax import ModuleSyntax, call_argument, string_constant
from mp_lsp.engine.values import ClassValue, InstanceValue, Site


@dataclass(frozen=True)
class SinkSite:
    """A call that sends values to another process."""

    spec: sinks.SinkSpec
    candidate: Candidate
    #: The start method the code fixes for this sink (``get_context("fork").Pool()``), if any.
    start_method: Optional[StartMethod]


class Resolver:
    def __init__(self, module: ModuleSyntax, inferencer: Inferencer) -> None:
        self.module = module
        self.inferencer = inferencer

    def resolve(self, candidate: Candidate) -> Optional[SinkSite]:
        if candidate.method is None:
            return self._constructor(candidate)
        assert candidate.receiver is not None
        special = sinks.special_sinks(candidate.method)
        for spec in special:
            if spec.owner_argument is not None:
                return self._owner_argument(spec, candidate)
        receiver = Site(self.module, candidate.receiver)
        owners = self.inferencer.type_names(receiver)
        if owners & sinks.NOT_SINKS - sinks.AMBIGUOUS_OWNERS:
            return None  # a thread pool, a thread queue: runs in this process
        for owner in sorted(owners):
            spec = sinks.lookup(owner, candidate.method)
            if spec is not None:
                return SinkSite(spec, candidate, self._start_method(receiver))
        for spec in special:
            if self._is_subclass_of(receiver, spec.owners):
                return SinkSite(spec, candidate, self._start_method(receiver))
        return None

    def _owner_argument(self, spec: sinks.SinkSpec, candidate: Candidate) -> Optional[SinkSite]:
        """``loop.run_in_executor(executor, ...)`` sends only when ``executor`` is an owner."""
        assert spec.owner_argument is not None
        if spec.owner_argument >= len(candidate.args):
            return None
        site = Site(self.module, candidate.args[spec.owner_argument])
        if self.inferencer.type_names(site) & spec.owners:
            return SinkSite(spec, candidate, self._start_method(site))
        return None

    def _constructor(self, candidate: Candidate) -> Optional[SinkSite]:
        assert isinstance(candidate.node, ast.Call)
        site = Site(self.module, candidate.node)
        for owner in sorted(self.inferencer.full_names(site)):
            spec = sinks.lookup(owner, None)
            if spec is not None:
                return SinkSite(spec, candidate, self._context_of_call(site))
        return None

    def _is_subclass_of(self, receiver: Site, owners: frozenset[str]) -> bool:
        """Whether the receiver is an instance of a workspace class with a base in ``owners``."""
        for value in self.inferencer.values(receiver):
            if isinstance(value, InstanceValue) and isinstance(value.cls, ClassValue):
                node = value.cls.definition.node
                assert isinstance(node, ast.ClassDef)
                for base in node.bases:
                    if self.inferencer.full_names(Site(value.cls.module, base)) & owners:
                        return True
        return False

    # -- start methods fixed in code ------------------------------------------------------
    def _start_method(self, receiver: Site) -> Optional[StartMethod]:
        creation = self.inferencer.creation_call(receiver)
        found = self._context_of_call(creation) if creation is not None else None
        return found or self.module.fixed_start_method

    def _context_of_call(self, call: Site) -> Optional[StartMethod]:
        """The start method of ``get_context("fork").Pool()``, ``ctx.Pool()``,
        ``ProcessPoolExecutor(mp_context=ctx)``, if the code fixes one."""
        node = call.node
        assert isinstance(node, ast.Call)
        context_expr: Optional[ast.expr] = None
        if isinstance(node.func, ast.Attribute):
            context_expr = node.func.value
        mp_context = call_argument(node, "mp_context", 1) or call_argument(node, "context", 4)
        for expr in (context_expr, mp_context):
            if expr is None:
                continue
            method = self._get_context_method(Site(call.module, expr))
            if method is not None:
                return method
        return self.module.fixed_start_method

    def _get_context_method(self, site: Site) -> Optional[StartMethod]:
        creation = self.inferencer.creation_call(site)
        if creation is None or not isinstance(creation.node, ast.Call):
            return None
        func = creation.node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name != "get_context":
            return None
        method = string_constant(call_argument(creation.node, "method", 0))
        return StartMethod(method) if method in {m.value for m in StartMethod} else None
