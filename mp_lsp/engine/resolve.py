"""Which candidate calls really are sinks: ask jedi what the receiver is, look it up in the table.

jedi resolves aliases, ``with`` targets, ``self.pool`` and pools returned from helpers in other
files. Where it loses the type (``with ProcessPoolExecutor() as ex`` infers as the abstract
``Executor``), the call that created the receiver decides. Thread pools and other look-alikes
resolve to "not a sink", and the pipeline stops there for that call.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Optional

from mp_lsp.engine.findings import StartMethod
from mp_lsp.engine.imports import imported_name
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.knowledge import sinks
from mp_lsp.engine.knowledge.serializers import Serializer
from mp_lsp.engine.scan import Candidate
from mp_lsp.engine.syntax import (
    ModuleSyntax,
    call_argument,
    dotted_name,
    keyword_arguments,
    string_constant,
)
from mp_lsp.engine.values import ClassValue, FunctionValue, InstanceValue, Site

#: The owner dask's collection methods (``.compute()``) are looked up by: any object a dask
#: call made.
DASK_COLLECTION = "dask.collection"
DASK_METHODS = frozenset({"compute", "persist"})
RAY_DECORATORS = frozenset({"ray.remote", "ray.worker.remote", "ray._private.worker.remote"})


@dataclass(frozen=True)
class SinkSite:
    """A call that sends values to another process."""

    spec: sinks.SinkSpec
    candidate: Candidate
    #: The start method the code fixes for this sink (``get_context("fork").Pool()``), if any.
    start_method: Optional[StartMethod]
    #: What pickles the values here: the spec's, or what the backend setting chose.
    serializer: Serializer = Serializer.PICKLE
    #: The imported name the sink was recognised by when jedi could not load its package
    #: (``torch.utils.data.DataLoader``): the verdict rests on that name alone.
    by_import_name: Optional[str] = None


class Resolver:
    def __init__(self, module: ModuleSyntax, inferencer: Inferencer) -> None:
        self.module = module
        self.inferencer = inferencer

    def resolve(self, candidate: Candidate) -> Optional[SinkSite]:
        backends = sinks.method_backends(candidate.method) if candidate.method else None
        if backends is not None and isinstance(candidate.node, ast.Call) and (
            backends.call_sends_nothing(candidate.node)
        ):
            return None  # ``x.compute(scheduler="sync")``: whatever ``x`` is
        site = self._resolve(candidate)
        if site is None:
            return None
        return self._configured(site)

    def _resolve(self, candidate: Candidate) -> Optional[SinkSite]:
        if candidate.method is None:
            return self._constructor(candidate)
        assert candidate.receiver is not None
        if candidate.method == "remote":
            return self._ray(candidate)
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
        imported_owners, imported = self._owners_by_import(receiver, owners)
        for owner in sorted(imported_owners - owners):
            spec = sinks.lookup(owner, candidate.method)
            if spec is not None:
                return SinkSite(spec, candidate, self._start_method(receiver),
                                by_import_name=imported)
        for spec in special:
            if self._is_subclass_of(receiver, spec.owners):
                return SinkSite(spec, candidate, self._start_method(receiver))
        return None

    def _owners_by_import(
        self, receiver: Site, owners: set[str]
    ) -> tuple[set[str], Optional[str]]:
        """The receiver's classes when jedi could not load their package: what the call that
        made it names through the imports (``pool = ProcessPool(4)`` after
        ``from pathos.pools import ProcessPool``). A dask collection is anything a chain of
        calls from a ``dask`` function makes."""
        if any(owner.split(".")[0] == "dask" for owner in owners):
            return {DASK_COLLECTION}, None  # jedi typed it: a Delayed, a Bag...
        origin = self._origin(receiver)
        _, name, chained = origin if origin is not None else (None, None, False)
        if name is None:
            return owners, None
        if name.split(".")[0] == "dask":
            return {DASK_COLLECTION}, name
        if chained:
            return owners, None  # ``make().method()``: not what the import names
        return {sinks.MADE_BY.get(name, name)}, name

    def _origin(self, site: Site) -> Optional[tuple[Site, Optional[str], bool]]:
        """The call a value comes from: the first call of the chain that made it
        (``db.from_sequence(xs)`` of ``b = db.from_sequence(xs).map(f)``), the name its
        imports give that call, and whether methods were called on its result after it."""
        creation = self.inferencer.creation_call(site)
        if creation is None or not isinstance(creation.node, ast.Call):
            return None
        root = _chain_root(creation.node)
        if root is None:
            return None
        name = imported_name(creation.module, root.func)
        return Site(creation.module, root), name, root is not creation.node

    # -- ray: decorated functions and classes ----------------------------------------------
    def _ray(self, candidate: Candidate) -> Optional[SinkSite]:
        """``f.remote(...)`` for ``@ray.remote def f``, ``A.remote(...)`` for an actor class,
        ``actor.method.remote(...)`` for an instance made by ``A.remote()``."""
        assert candidate.receiver is not None
        receiver = Site(self.module, candidate.receiver)
        for value in self.inferencer.values(receiver):
            if isinstance(value, (FunctionValue, ClassValue)) and self._ray_decorated(value):
                spec = sinks.RAY_TASK if isinstance(value, FunctionValue) else sinks.RAY_ACTOR
                return SinkSite(spec, candidate, None)
        if isinstance(candidate.receiver, ast.Attribute):
            made = self.inferencer.creation_call(Site(self.module, candidate.receiver.value))
            if made is not None and isinstance(made.node, ast.Call) and isinstance(
                made.node.func, ast.Attribute
            ) and made.node.func.attr == "remote":
                actor = Site(made.module, made.node.func.value)
                if any(isinstance(v, ClassValue) and self._ray_decorated(v)
                       for v in self.inferencer.values(actor)):
                    return SinkSite(sinks.RAY_METHOD, candidate, None)
        return None

    def _ray_decorated(self, value: FunctionValue | ClassValue) -> bool:
        node = value.definition.node
        for decorator in getattr(node, "decorator_list", ()):
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            names = self.inferencer.referred_names(Site(value.module, target))
            name = imported_name(value.module, target)
            if (names | ({name} if name else set())) & RAY_DECORATORS:
                return True
        return False

    # -- what the call's settings choose -----------------------------------------------------
    def _configured(self, site: SinkSite) -> Optional[SinkSite]:
        """Apply the spec's settings: ``num_workers=0`` sends nothing; joblib's backend and
        dask's scheduler choose the serializer (or this process); ``multiprocessing_context``
        fixes a start method."""
        spec = site.spec
        call = site.candidate.node
        if not isinstance(call, ast.Call):
            return replace(site, serializer=spec.serializer)
        if spec.workers is not None:
            workers = call_argument(call, *spec.workers)
            if workers is None or _is_zero(workers):
                return None
        serializer: Optional[Serializer] = spec.serializer
        if spec.backends is not None:
            sends, serializer = self._backend(spec.backends, site)
            if not sends:
                return None
        start_method = site.start_method
        if spec.context_keyword is not None:
            start_method = self._keyword_start_method(call, *spec.context_keyword) or (
                spec.default_start_method or start_method)
        assert serializer is not None
        return replace(site, serializer=serializer, start_method=start_method)

    def _backend(
        self, backends: sinks.Backends, site: SinkSite
    ) -> tuple[bool, Optional[Serializer]]:
        """Whether the call sends anything, and with what: the settings of enclosing contexts
        (``with parallel_config(backend="threading")``), then the call's own (or its
        receiver's creation call's)."""
        call = site.candidate.node
        assert isinstance(call, ast.Call)
        settings: dict[str, ast.expr] = {}
        positional: dict[str, ast.expr] = {}
        for context in self._contexts(call, backends.contexts):
            # ``parallel_backend("threading")``, ``dask.config.set({"scheduler": "sync"})``
            first = context.args[0] if context.args else None
            if isinstance(first, ast.Dict):
                settings.update((k.value, v) for k, v in zip(first.keys, first.values)
                                if isinstance(k, ast.Constant) and isinstance(k.value, str))
            elif first is not None:
                positional[backends.keyword] = first
            settings.update(keyword_arguments(context))
        configured: Optional[ast.Call] = call
        if backends.on_creation and site.candidate.receiver is not None:
            creation = self.inferencer.creation_call(Site(self.module, site.candidate.receiver))
            configured = creation.node if creation is not None and isinstance(
                creation.node, ast.Call) else None
        if configured is not None:
            settings.update(zip(backends.positions, configured.args))
            settings.update(keyword_arguments(configured))
        if any(value is None and settings.get(keyword) is None
               for keyword, value in backends.in_process):
            return False, None  # joblib's ``n_jobs`` left out: one job, in this process
        if backends.given_in_process(settings):
            return False, None
        chosen = string_constant(settings.get(backends.keyword))
        if chosen is None and backends.keyword in positional:
            chosen = string_constant(positional[backends.keyword])
        if chosen is not None:
            serializer = backends.choice(chosen)
            return serializer is not None, serializer
        default = backends.default
        if default is None and site.spec.framework == "dask" and self._makes_bag(site):
            default = Serializer.CLOUDPICKLE  # a bag computes with processes by default
        return default is not None, default

    def _contexts(self, call: ast.Call, names: frozenset[str]) -> list[ast.Call]:
        """Calls of a settings context around the call, outermost first: ``with`` items that
        enclose it, and statements that call one at module level or earlier in its function
        (``dask.config.set(scheduler="processes")``)."""
        if not names:
            return []
        found: list[ast.Call] = []
        scope = self.module.enclosing_function(call)
        body = getattr(scope, "body", None)  # a lambda's body is one expression
        for statement in self.module.tree.body + (body if isinstance(body, list) else []):
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call) and (
                _calls_one_of(statement.value, names) and statement.lineno < call.lineno
            ):
                found.append(statement.value)
        for ancestor in reversed(list(self.module.ancestors(call))):
            if isinstance(ancestor, (ast.With, ast.AsyncWith)):
                found.extend(item.context_expr for item in ancestor.items
                             if isinstance(item.context_expr, ast.Call)
                             and _calls_one_of(item.context_expr, names))
        return found

    def _makes_bag(self, site: SinkSite) -> bool:
        """Whether what is computed comes from a dask bag (``db.from_sequence(...).map(f)``)."""
        candidate = site.candidate
        roots = [candidate.receiver] if candidate.receiver is not None else list(candidate.args)
        for expr in roots:
            if expr is None:
                continue
            if any(name.startswith(sinks.BAG_PACKAGE) for name in self.inferencer.type_names(
                Site(self.module, expr)
            )):
                return True  # jedi typed it a Bag
            origin = self._origin(Site(self.module, expr))
            if origin is None:
                continue
            root, name, _ = origin
            names = self.inferencer.callee_names(root) | ({name} if name else set())
            if any(made.startswith(sinks.BAG_PACKAGE) for made in names):
                return True
        return False

    def _keyword_start_method(
        self, call: ast.Call, keyword: str, position: Optional[int]
    ) -> Optional[StartMethod]:
        given = call_argument(call, keyword, position)
        if given is None:
            return None
        method = string_constant(given)
        if method in {m.value for m in StartMethod}:
            return StartMethod(method)
        return self._get_context_method(Site(self.module, given))

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
        inferred = self.inferencer.full_names(site)
        spec = _constructed(inferred)
        if spec is None:
            referred = self.inferencer.callee_names(site)  # a function sink is what is called
            spec = _constructed(referred)
            inferred |= referred
        imported = None
        if spec is None:  # jedi could not load it (or follow a re-export): the import says
            imported = imported_name(self.module, candidate.node.func)
            spec = _constructed({sinks.MADE_BY.get(imported, imported)} if imported else set())
        if spec is None:
            return None
        return SinkSite(spec, candidate, self._context_of_call(site), by_import_name=imported)

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


def _constructed(owners: set[str]) -> Optional[sinks.SinkSpec]:
    for owner in sorted(owners):
        spec = sinks.lookup(owner, None)
        if spec is not None:
            return spec
    return None


def _calls_one_of(call: ast.Call, names: frozenset[str]) -> bool:
    """Whether the call's dotted name ends with one of ``names`` (``config.set`` matches
    ``dask.config.set(...)`` and ``config.set(...)``, not ``event.set()``)."""
    called = dotted_name(call.func) or ""
    return any(called == name or called.endswith(f".{name}") for name in names)


def _is_zero(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and (node.value == 0 or node.value is None)


def _chain_root(call: ast.Call) -> Optional[ast.Call]:
    """The first call of a method chain (``db.from_sequence(xs)`` of
    ``db.from_sequence(xs).map(f).filter(g)``), or ``None`` when it starts elsewhere."""
    node: ast.expr = call
    root: Optional[ast.Call] = None
    while True:
        if isinstance(node, ast.Call):
            root = node
            node = node.func
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call):
            node = node.value
        else:
            return root
