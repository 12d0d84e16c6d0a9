"""One parsed module and the syntactic facts every later step asks about.

``ast`` gives UTF-8 byte columns; users, jedi and LSP think in characters, so conversion lives
here, once. A :class:`ModuleSyntax` is immutable after construction and cheap to cache by text.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator, Optional, Union

from mp_lsp.engine.findings import Location, Span, StartMethod
from mp_lsp.engine.knowledge.python import ADDING_METHODS, EXTENDING_METHODS
from mp_lsp.engine.notebook import is_notebook_path
from mp_lsp.engine.text import split_lines
from mp_lsp.engine.tolerant import parse_tolerant

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
ScopeNode = Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef]


def is_main_guard(node: ast.AST) -> bool:
    """True for ``if __name__ == "__main__":`` (either operand order)."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    test = node.test
    if len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    operands = [test.left, test.comparators[0]]
    names = [o for o in operands if isinstance(o, ast.Name) and o.id == "__name__"]
    mains = [o for o in operands if isinstance(o, ast.Constant) and o.value == "__main__"]
    return len(names) == 1 and len(mains) == 1


def _import_time(body: list[ast.stmt]) -> list[ast.stmt]:
    found: list[ast.stmt] = []
    for statement in body:
        if is_main_guard(statement):
            assert isinstance(statement, ast.If)
            found.extend(_import_time(statement.orelse))
            continue
        found.append(statement)
    return found


def dotted_name(node: ast.AST) -> Optional[str]:
    """``a.b.c`` for a Name/Attribute chain, else ``None``."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def keyword_arguments(call: ast.Call) -> dict[str, ast.expr]:
    """A call's keyword arguments by name (``**kwargs`` left out)."""
    return {k.arg: k.value for k in call.keywords if k.arg}


def string_constant(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def call_argument(call: ast.Call, name: str, position: Optional[int]) -> Optional[ast.expr]:
    """The expression passed for one parameter, by keyword or by position (no ``*args``)."""
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position is not None and position < len(call.args):
        arg = call.args[position]
        if not any(isinstance(a, ast.Starred) for a in call.args[: position + 1]):
            return arg
    return None


def mangled(owner: str, name: str) -> str:
    """The name a class body stores ``name`` under: Python's private-name mangling
    (``__Sample`` in ``MetricsCollector`` is ``_MetricsCollector__Sample``)."""
    stripped = owner.lstrip("_")
    if not name.startswith("__") or name.endswith("__") or not stripped:
        return name
    return f"_{stripped}{name}"


def shorten(text: str, limit: int = 40) -> str:
    """Source text on one line, cut to ``limit`` characters for messages and hovers."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: The fields of each node class that may hold child nodes (see :func:`child_nodes`).
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """A node's direct children, as ``ast.iter_child_nodes`` gives them at a fraction of its
    cost (which matters on a 10,000-line file), but for the ``ctx`` of names, attributes and
    subscripts: one shared ``Load()`` or ``Store()`` per tree, a third of all the nodes a walk
    meets, which no reader of the tree looks for as a node (they read ``node.ctx``)."""
    cls = type(node)
    fields = _CHILD_FIELDS.get(cls)
    if fields is None:
        fields = _CHILD_FIELDS[cls] = tuple(field for field in cls._fields if field != "ctx")
    children: list[ast.AST] = []
    for field in fields:
        value = getattr(node, field, None)
        if isinstance(value, list):
            children.extend([item for item in value if isinstance(item, ast.AST)])
        elif isinstance(value, ast.AST):
            children.append(value)
    return children


def run_on_import(statement: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of an import-time statement that run when the module is imported: all of
    them (parents first) but the bodies of the functions and lambdas it defines, which run
    when called. A class body runs with its ``class`` statement; a function's decorators,
    defaults and annotations run with its ``def``."""
    pending: deque[ast.AST] = deque([statement])
    while pending:
        node = pending.popleft()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending.extend(
                child for child in child_nodes(node)
                if not any(child is inner for inner in node.body)
            )
        elif isinstance(node, ast.Lambda):
            pending.append(node.args)
        else:
            pending.extend(child_nodes(node))


def growth(node: ast.AST) -> Optional[tuple[ast.expr, ast.expr, bool]]:
    """What a call adds to a container: the container, the value, and whether each item of
    the value is added (``extend``) rather than the value itself (``append``, ``add``...; see
    :mod:`mp_lsp.engine.knowledge.python`)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
        return None
    if node.func.attr in ADDING_METHODS:
        return node.func.value, node.args[-1], False
    if node.func.attr in EXTENDING_METHODS:
        return node.func.value, node.args[0], True
    return None


def stores_into(scope: ast.AST, name: str) -> Iterator[tuple[Optional[ast.expr], ast.expr]]:
    """What ``scope``'s own code puts in the container its name ``name`` holds: the key and
    value of ``name[key] = value``, and what :func:`growth` adds one at a time
    (``name.append(value)``, no key). ``extend`` adds its argument's items, not the argument,
    and is left out."""
    for inner in own_nodes(scope):
        if isinstance(inner, ast.Assign):
            for target in inner.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and (
                    target.value.id == name
                ):
                    yield target.slice, inner.value
            continue
        grown = growth(inner)
        if grown is not None:
            container, added, each = grown
            if not each and isinstance(container, ast.Name) and container.id == name:
                yield None, added


def parameter_defaults(arguments: ast.arguments) -> dict[str, ast.expr]:
    """Each parameter's default value, by name (positional and keyword-only ones)."""
    positional = [*arguments.posonlyargs, *arguments.args]
    found = {a.arg: d for a, d in zip(positional[len(positional) - len(arguments.defaults):],
                                      arguments.defaults)}
    found.update((a.arg, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults)
                 if d is not None)
    return found


def bound_arguments(names: list[str], call: ast.Call) -> tuple[dict[str, ast.expr], bool]:
    """What ``call`` passes to parameters by name: to the positional ones ``names`` (in order)
    up to a ``*xs``, and by keyword; and whether that is all it passes (no ``*xs`` and no
    ``**kw``, so a parameter it leaves out gets its default)."""
    bound: dict[str, ast.expr] = {}
    for name, argument in zip(names, call.args):
        if isinstance(argument, ast.Starred):
            break
        bound[name] = argument
    bound.update((k.arg, k.value) for k in call.keywords if k.arg)
    complete = not any(isinstance(a, ast.Starred) for a in call.args) and all(
        k.arg for k in call.keywords)
    return bound, complete


def instance_parameter(method: ast.AST) -> Optional[str]:
    """The name a method's instance is bound to (``self``); ``None`` for a static or class
    method, or a method without positional parameters."""
    if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or any(
        (dotted_name(d) or "") in {"staticmethod", "classmethod"} for d in method.decorator_list
    ):
        return None
    positional = method.args.posonlyargs + method.args.args
    return positional[0].arg if positional else None


def receiver_parameter(method: ast.AST) -> Optional[str]:
    """The name a method's receiver is bound to: ``self``, or a class method's ``cls``;
    ``None`` for a static method or a method without positional parameters."""
    if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or any(
        (dotted_name(d) or "").split(".")[-1] == "staticmethod" for d in method.decorator_list
    ):
        return None
    positional = method.args.posonlyargs + method.args.args
    return positional[0].arg if positional else None


def own_nodes(function: ast.AST) -> list[ast.AST]:
    """The nodes of a function body, not those of nested functions, classes or lambdas."""
    found: list[ast.AST] = []
    pending = child_nodes(function)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        found.append(node)
        pending.extend(child_nodes(node))
    return found


@dataclass(frozen=True)
class Definition:
    """Where a function or class is defined and what encloses it, as pickling cares about."""

    node: ScopeNode
    #: The innermost enclosing function (or lambda), if any: pickling by name fails.
    enclosing_function: Optional[ScopeNode]
    #: True when the definition only runs when the module is the main script.
    under_main_guard: bool


class ModuleSyntax:
    """A parsed module: the tree, a parent map and position helpers.

    Any text has a tree (:func:`~mp_lsp.engine.tolerant.parse_tolerant`): what a syntax error
    breaks is left out of it, by lines (:attr:`skipped`), and the syntax of newer Pythons is
    read on any interpreter. Every position is the original text's.
    """

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        parsed = parse_tolerant(source, path)
        self.tree = parsed.tree
        #: 1-based inclusive line ranges left out of :attr:`tree` (half-typed code).
        self.skipped: tuple[tuple[int, int], ...] = parsed.skipped
        #: Why each range was left out (``SyntaxError: msg (line N)``).
        self.syntax_errors: tuple[str, ...] = parsed.errors
        self.lines = split_lines(source)
        #: The code cells of a notebook (:mod:`mp_lsp.engine.notebook`): the module is a
        #: kernel's ``__main__``, which the children of spawn and forkserver cannot import.
        self.is_notebook = is_notebook_path(path)

    @property
    def nodes(self) -> list[ast.AST]:
        """Every node, parents before children, in ``ast.walk`` order (but the ``ctx`` nodes,
        see :func:`child_nodes`)."""
        return self._index[0]

    @cached_property
    def _index(
        self,
    ) -> tuple[list[ast.AST], dict[ast.AST, ast.AST], dict[type, list[ast.AST]]]:
        """Every node, each node's parent, and the nodes by type: the one walk of the tree
        that every scan shares (``ast.walk`` is slow on a 10,000-line file). Built on first
        use: most files never get past the cheap scan."""
        found: list[ast.AST] = [self.tree]
        parents: dict[ast.AST, ast.AST] = {}
        kinds: dict[type, list[ast.AST]] = {}
        position = 0
        while position < len(found):
            node = found[position]
            position += 1
            kinds.setdefault(type(node), []).append(node)
            for child in child_nodes(node):
                found.append(child)
                parents[child] = node
        return found, parents, kinds

    def nodes_of(self, *kinds: type) -> list[ast.AST]:
        """The nodes of some types, in walk order within each type."""
        index = self._index[2]
        if len(kinds) == 1:
            return index.get(kinds[0], [])
        return [node for kind in kinds for node in index.get(kind, [])]

    def stores_in(self, scope: Optional[ast.AST]) -> dict[str, list[ast.Name]]:
        """The names a scope (a function; ``None``: the module's top level, outside its
        functions and classes) stores to, each with its stores in source order. Read once per
        scope and kept with the module (jedi's definitions in one module send many names to
        the binding they read this for), so that it goes when the module does."""
        found = self._scope_stores.get(scope)
        if found is None:
            body = own_nodes(scope) if scope is not None else [
                n for statement in self.tree.body
                if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                for n in ast.walk(statement)
            ]
            found = self._scope_stores[scope] = {}
            for node in sorted(
                (n for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)),
                key=lambda n: (n.lineno, n.col_offset),
            ):
                found.setdefault(node.id, []).append(node)
        return found

    @cached_property
    def _scope_stores(self) -> dict[Optional[ast.AST], dict[str, list[ast.Name]]]:
        return {}

    def calls_named(self, *names: str) -> list[ast.Call]:
        """The calls of any of ``names`` (``f(...)``, ``x.f(...)``, ``g().f(...)``), in walk
        order: finding the calls of one function is a lookup, not a walk of every call
        (parameter binding asks this once per parameter)."""
        index = self._calls_by_name
        if len(names) == 1:
            return [call for _, call in index.get(names[0], ())]
        found = sorted(
            {entry for name in names for entry in index.get(name, ())}, key=lambda e: e[0]
        )
        return [call for _, call in found]

    @cached_property
    def _calls_by_name(self) -> dict[str, list[tuple[int, ast.Call]]]:
        index: dict[str, list[tuple[int, ast.Call]]] = {}
        for position, call in enumerate(self.nodes_of(ast.Call)):
            assert isinstance(call, ast.Call)
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name is not None:
                index.setdefault(name, []).append((position, call))
        return index

    # -- positions -----------------------------------------------------------------------
    def char_column(self, line: int, byte_column: int) -> int:
        """Convert an ``ast`` byte column on a 1-based line to a character column."""
        if not 1 <= line <= len(self.lines):
            return byte_column
        text = self.lines[line - 1]
        if text.isascii():
            return byte_column
        try:
            return len(text.encode("utf-8")[:byte_column].decode("utf-8", errors="replace"))
        except UnicodeEncodeError:  # a lone surrogate, which ``ast`` counted as 3 bytes
            count = width = 0
            for char in text:
                if width >= byte_column:
                    break
                width += len(char.encode("utf-8", "surrogatepass"))
                count += 1
            return count

    def span(self, node: ast.AST) -> Span:
        line = node.lineno  # type: ignore[attr-defined]
        end_line = node.end_lineno or line  # type: ignore[attr-defined]
        return Span(
            line,
            self.char_column(line, node.col_offset),  # type: ignore[attr-defined]
            end_line,
            self.char_column(end_line, node.end_col_offset or 0),  # type: ignore[attr-defined]
        )

    def segment(self, node: ast.AST) -> Optional[str]:
        """The source text of a node, like ``ast.get_source_segment`` but without splitting
        the whole file on every call (which costs ~80 ms on a 10,000-line file)."""
        line = getattr(node, "lineno", None)
        end_line = getattr(node, "end_lineno", None)
        column = getattr(node, "col_offset", None)
        end_column = getattr(node, "end_col_offset", None)
        if line is None or end_line is None or column is None or end_column is None:
            return None
        if not 1 <= line <= end_line <= len(self.lines):
            return None
        first = self.lines[line - 1].encode("utf-8", "surrogatepass")
        if line == end_line:
            return first[column:end_column].decode(errors="replace")
        last = self.lines[end_line - 1].encode("utf-8", "surrogatepass")[:end_column]
        last = last.decode(errors="replace")
        middle = self.lines[line:end_line - 1]
        return "\n".join([first[column:].decode(errors="replace"), *middle, last])

    def location(self, node: ast.AST) -> Location:
        return Location(self.path, self.span(node))

    def header_location(self, node: ScopeNode) -> Location:
        """The ``def name`` / ``class name`` / ``lambda`` head rather than the whole body."""
        if isinstance(node, ast.Lambda):
            return self.location(node)
        line = node.lineno
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        start = self.char_column(line, node.col_offset)
        name_at = text.find(node.name, start)
        end = name_at + len(node.name) if name_at >= 0 else len(text)
        return Location(self.path, Span(line, start, line, end))

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    # -- what the tree left out ----------------------------------------------------------
    @property
    def unreadable(self) -> bool:
        """Whether nothing of a text that has code could be read: no statement to analyse."""
        return not self.tree.body and bool(self.skipped)

    def touches_skipped(self, first: int, last: int) -> bool:
        """Whether lines ``first..last`` hold, or border on, a range left out of the tree."""
        return any(start <= last + 1 and first - 1 <= end for start, end in self.skipped)

    # -- structure -----------------------------------------------------------------------
    def parent(self, node: ast.AST) -> Optional[ast.AST]:
        return self._index[1].get(node)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        current = self._index[1].get(node)
        while current is not None:
            yield current
            current = self._index[1].get(current)

    def enclosing_function(self, node: ast.AST) -> Optional[ScopeNode]:
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return ancestor
        return None

    def enclosing_class(self, node: ast.AST) -> Optional[ast.ClassDef]:
        """The class whose body directly holds ``node``'s function, for methods."""
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.ClassDef):
                return ancestor
            if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return None
        return None

    def in_handler(self, node: ast.AST) -> bool:
        """Whether ``node`` runs in an ``except`` block of its own function."""
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, ast.ExceptHandler):
                return True
            if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return False
        return False

    def under_main_guard(self, node: ast.AST) -> bool:
        return any(is_main_guard(a) for a in self.ancestors(node))

    def definition_at(self, line: int, column: int) -> Optional[Definition]:
        """The function, class or lambda whose name (or ``lambda`` keyword) is at a position.

        jedi reports a definition by the position of its name; ``ast`` by the ``def`` keyword
        (or first decorator-less line), so match on the line and pick the nearest node.
        """
        candidates = [
            n for n in self.nodes_on_line(line)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
        ]
        if not candidates:
            return None
        best = min(candidates, key=lambda n: abs(self.char_column(line, n.col_offset) - column))
        if isinstance(best, ast.Lambda):
            lambdas = [n for n in candidates if isinstance(n, ast.Lambda)]
            best = min(lambdas, key=lambda n: abs(self.char_column(line, n.col_offset) - column))
        return self.describe_definition(best)

    def class_member_at(self, line: int, column: int) -> Optional[ast.ClassDef]:
        """The class whose body assigns the name at a position (``RED = 1`` in ``Color``):
        where jedi places an Enum member, which it infers as an instance of its class."""
        for node in self.nodes_on_line(line):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and (
                self.char_column(line, node.col_offset) == column
            ):
                statement = self.parent(node)
                owner = self.parent(statement) if isinstance(statement, ast.Assign) else None
                if isinstance(owner, ast.ClassDef) and statement in owner.body:
                    return owner
        return None

    def describe_definition(self, node: ScopeNode) -> Definition:
        return Definition(node, self.enclosing_function(node), self.under_main_guard(node))

    @cached_property
    def _nodes_by_line(self) -> dict[int, list[ast.AST]]:
        table: dict[int, list[ast.AST]] = {}
        for node in self.nodes:
            line = getattr(node, "lineno", None)
            if line is not None:
                table.setdefault(line, []).append(node)
        return table

    def nodes_on_line(self, line: int) -> list[ast.AST]:
        """Every node starting on a line (an index: jedi names definitions by position)."""
        return self._nodes_by_line.get(line, [])

    # -- module facts ----------------------------------------------------------------------
    @cached_property
    def import_time_statements(self) -> list[ast.stmt]:
        """Statements that run on import: module level, into the ``else`` of the ``__main__``
        guard, not its body. ``def`` and ``class`` statements are included: a class body, and a
        function's decorators and defaults, run when the statement does (see
        :func:`run_on_import` for the nodes of a statement that run)."""
        return _import_time(self.tree.body)

    @cached_property
    def has_main_guard(self) -> bool:
        return any(is_main_guard(n) for n in self.tree.body)

    @cached_property
    def fixed_start_method(self) -> Optional[StartMethod]:
        """A start method set for the whole program by ``set_start_method("...")``."""
        for node in self.nodes_of(ast.Call):
            assert isinstance(node, ast.Call)
            if (dotted_name(node.func) or "").split(".")[-1] == "set_start_method":
                method = string_constant(call_argument(node, "method", 0))
                if method in {m.value for m in StartMethod}:
                    return StartMethod(method)
        return None

    @cached_property
    def imported_modules(self) -> frozenset[str]:
        """Absolute names of modules imported anywhere in the file (for the cheap pre-scan)."""
        names: set[str] = set()
        for node in self.nodes_of(ast.Import, ast.ImportFrom):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        return frozenset(names)
