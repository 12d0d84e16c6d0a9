"""What every fix needs: edits, and the facts about a module a safe rewrite depends on.

Moving code between scopes is only safe when the names it uses still mean the same thing
afterwards, so this module answers scope questions with :mod:`symtable` (the compiler's own
view of which names are local, free or global) rather than by guessing from the tree.
"""

from __future__ import annotations

import ast
import builtins
import symtable
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable, Iterator, Optional, Union

from mp_lsp.engine.findings import Location, Span
from mp_lsp.engine.syntax import ModuleSyntax, is_main_guard
from mp_lsp.engine.text import LINE_BREAK, line_starts

_BUILTINS = frozenset(dir(builtins))
#: Two blank lines around module-level definitions, as PEP 8 (and every formatter) wants.
DEFINITION_GAP = 2

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass(frozen=True)
class TextEdit:
    """Replace the text in ``span`` (engine coordinates) by ``new_text``."""

    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    """One quick fix: a title in the imperative, like ruff's, and non-overlapping edits."""

    title: str
    edits: tuple[TextEdit, ...]
    #: Whether an editor may apply it on "fix all"/"preferred fix" (not for a noqa comment).
    preferred: bool = True
    #: Code for other files beside the fixed one (a notebook's definitions moved to a module).
    files: tuple[NewCode, ...] = ()


@dataclass(frozen=True)
class NewCode:
    """Text to add at the end of the file ``name`` beside the fixed file (created if missing)."""

    name: str
    text: str


def apply_edits(source: str, edits: Iterable[TextEdit]) -> str:
    """The text after the edits, applied as LSP applies them (all against the original text;
    inserts at one position keep their order)."""
    starts = line_starts(source)

    def offset(line: int, column: int) -> int:
        if line - 1 >= len(starts):
            return len(source)
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(source)
        text = LINE_BREAK.sub("", source[start:end])
        return start + min(column, len(text))

    ordered = sorted(
        enumerate(edits),
        key=lambda item: (offset(item[1].span.line, item[1].span.column), item[0]),
        reverse=True,
    )
    for _, edit in ordered:
        begin = offset(edit.span.line, edit.span.column)
        end = offset(edit.span.end_line, edit.span.end_column)
        source = source[:begin] + edit.new_text + source[end:]
    return source


def insert(line: int, column: int, text: str) -> TextEdit:
    return TextEdit(Span(line, column, line, column), text)


class SourceFile:
    """A parsed module plus the line and scope facts fixes ask about."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.syntax = ModuleSyntax(path, source)
        self.tree = self.syntax.tree
        self.lines = self.syntax.lines
        found = LINE_BREAK.search(source)
        #: New lines are written with the file's own line break.
        self.newline = found.group() if found else "\n"

    # -- finding nodes -------------------------------------------------------------------------
    def node_at(self, location: Optional[Location], kind: type[ast.AST]) -> Optional[ast.AST]:
        """The node of ``kind`` whose span is exactly ``location`` (in this file), if any."""
        if location is None or location.path != self.path:
            return None
        return self.node_spanning(location.span, kind)

    def node_spanning(self, span: Span, kind: type[ast.AST]) -> Optional[ast.AST]:
        for node in ast.walk(self.tree):
            if isinstance(node, kind) and hasattr(node, "lineno") and self.syntax.span(
                node
            ) == span:
                return node
        return None

    def definition_at(self, location: Optional[Location]) -> Optional[ast.AST]:
        """The def or class whose header (``def name``) the engine located at ``location``."""
        if location is None or location.path != self.path:
            return None
        span = location.span
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and (
                node.lineno == span.line
                and self.syntax.char_column(node.lineno, node.col_offset) == span.column
            ):
                return node
        return None

    def top_level_statement(self, node: ast.AST) -> Optional[ast.stmt]:
        """The statement directly in the module's body that contains ``node``."""
        current: Optional[ast.AST] = node
        while current is not None:
            parent = self.syntax.parent(current)
            if isinstance(parent, ast.Module):
                return current if isinstance(current, ast.stmt) else None
            current = parent
        return None

    # -- lines ---------------------------------------------------------------------------------
    def first_line(self, statement: ast.stmt) -> int:
        """The first line of a statement, decorators included."""
        decorators = getattr(statement, "decorator_list", [])
        return min([statement.lineno, *(d.lineno for d in decorators)])

    def owns_lines(self, statement: ast.stmt) -> bool:
        """Whether ``statement`` alone fills its lines (nothing else before or after it, bar a
        comment), so that its lines can be moved or deleted as a whole."""
        first = self.first_line(statement)
        head = self.lines[first - 1]
        start = self.syntax.char_column(first, _start_column(statement))
        if head[:start].strip():
            return False
        end_line = statement.end_lineno or statement.lineno
        tail = self.lines[end_line - 1][
            self.syntax.char_column(end_line, statement.end_col_offset or 0):
        ].strip()
        return not tail or tail.startswith("#")

    def whole_lines(self, first: int, last: int) -> Span:
        """The span of lines ``first`` to ``last`` including the last line break."""
        if last < len(self.lines):
            return Span(first, 0, last + 1, 0)
        return Span(first, 0, last, len(self.lines[last - 1]))

    def removal(self, statement: ast.stmt) -> TextEdit:
        """Delete a statement's lines; when it opens its block, also the blank lines after it,
        which separated it from the rest of the block and would now start it."""
        last = statement.end_lineno or statement.lineno
        parent = self.syntax.parent(statement)
        body = getattr(parent, "body", None)
        if isinstance(body, list) and body and body[0] is statement and len(body) > 1:
            while last < len(self.lines) and not self.lines[last].strip():
                last += 1
        return TextEdit(self.whole_lines(self.first_line(statement), last), "")

    def indentation(self, line: int) -> str:
        text = self.lines[line - 1]
        return text[: len(text) - len(text.lstrip(" \t"))]

    @cached_property
    def indent_unit(self) -> str:
        """One level of indentation as the file writes it (four spaces if nothing shows it)."""
        for node in ast.walk(self.tree):
            body = getattr(node, "body", None)
            if isinstance(node, ast.stmt) and isinstance(body, list) and body:
                outer = self.indentation(node.lineno)
                inner = self.indentation(body[0].lineno)
                if body[0].lineno != node.lineno and inner.startswith(outer) and len(inner) > len(
                    outer
                ):
                    return inner[len(outer):]
        return "    "

    def string_continuation_lines(self, node: ast.AST) -> set[int]:
        """Lines inside ``node`` that continue a multi-line string other than a docstring.

        Re-indenting such a line would change the string's value.
        """
        docstrings = {
            id(body[0].value)
            for scope in ast.walk(node)
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module))
            and (body := scope.body)
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        }
        lines: set[int] = set()
        for inner in ast.walk(node):
            if isinstance(inner, (ast.Constant, ast.JoinedStr)) and id(inner) not in docstrings:
                end = inner.end_lineno or inner.lineno
                if end > inner.lineno and (
                    isinstance(inner, ast.JoinedStr) or isinstance(inner.value, (str, bytes))
                ):
                    lines.update(range(inner.lineno + 1, end + 1))
        return lines

    def reindented(self, statement: ast.stmt, new_indent: str) -> Optional[str]:
        """The lines of ``statement`` (decorators included) moved to ``new_indent``, or ``None``
        when that cannot be done by changing leading whitespace alone."""
        if not self.owns_lines(statement):
            return None
        first, last = self.first_line(statement), statement.end_lineno or statement.lineno
        old_indent = self.indentation(first)
        if self.string_continuation_lines(statement):
            return None
        moved = []
        for text in self.lines[first - 1 : last]:
            if not text.strip():
                moved.append("")
            elif text.startswith(old_indent):
                moved.append(new_indent + text[len(old_indent):])
            else:
                return None  # a comment or continuation line indented less than the block
        return self.newline.join(moved) + self.newline

    # -- names ---------------------------------------------------------------------------------
    @cached_property
    def symbols(self) -> symtable.SymbolTable:
        return symtable.symtable(self.source, self.path, "exec")

    def scope_table(self, node: ast.AST) -> Optional[symtable.SymbolTable]:
        """The symbol table of a function, lambda or class node.

        Tables are known by name and first line only; scopes sharing both (two lambdas on a
        line) are told apart by order, since both lists follow the source.
        """
        if isinstance(node, ast.Lambda):
            name = "lambda"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = node.name
        else:
            return None
        line = getattr(node, "lineno", 0)
        tables = [
            table for table in _walk_tables(self.symbols)
            if table.get_name() == name and table.get_lineno() == line
            and table.get_type() != "module"
        ]
        siblings = sorted(
            (
                other for other in ast.walk(self.tree)
                if type(other) is type(node) and getattr(other, "lineno", 0) == line
                and getattr(other, "name", "lambda") == name
            ),
            key=lambda other: other.col_offset,  # type: ignore[attr-defined]
        )
        if len(tables) != len(siblings):
            return None
        return tables[next(i for i, other in enumerate(siblings) if other is node)]

    @cached_property
    def module_names(self) -> frozenset[str]:
        """Names bound at module level (assigned, imported, defined, or declared global)."""
        return frozenset(
            symbol.get_name()
            for symbol in self.symbols.get_symbols()
            if symbol.is_assigned() or symbol.is_imported()
        ) | frozenset(_declared_globals(self.symbols))

    @cached_property
    def all_identifiers(self) -> frozenset[str]:
        """Every name used anywhere in the module, in any scope: a new module-level name
        outside this set can shadow nothing and be shadowed by nothing."""
        names: set[str] = set()
        for table in _walk_tables(self.symbols):
            names.update(table.get_identifiers())
            if table.get_type() != "module":
                names.add(table.get_name())
        return frozenset(names)

    def free_name(self, *candidates: str) -> str:
        """The first candidate that is used nowhere in the module (numbered if all are)."""
        for candidate in candidates:
            if self._is_free(candidate):
                return candidate
        number = 2
        while not self._is_free(f"{candidates[-1]}_{number}"):
            number += 1
        return f"{candidates[-1]}_{number}"

    def _is_free(self, name: str) -> bool:
        return (
            name.isidentifier() and name not in self.all_identifiers and name not in _BUILTINS
        )

    def is_global_name(self, name: str) -> bool:
        """Whether ``name`` means the same at module level as where it is used: a module
        name or a builtin."""
        return name in self.module_names or name in _BUILTINS

    @cached_property
    def guard_only_names(self) -> frozenset[str]:
        """Module names bound only under ``if __name__ == "__main__":``: a child process, which
        imports the module as ``__mp_main__``, never has them."""
        inside: set[str] = set()
        outside: set[str] = set()
        for statement in self.tree.body:
            if is_main_guard(statement):
                assert isinstance(statement, ast.If)
                for inner in statement.body:
                    inside |= bound_names(inner)
                for inner in statement.orelse:
                    outside |= bound_names(inner)
            else:
                outside |= bound_names(statement)
        return frozenset(inside - outside)

    def global_reads(self, table: symtable.SymbolTable) -> set[str]:
        """The module or builtin names a function (or anything nested in it) reads."""
        return {
            symbol.get_name()
            for inner in _walk_tables(table)
            for symbol in inner.get_symbols()
            if symbol.is_referenced() and symbol.is_global()
        }

    # -- imports -------------------------------------------------------------------------------
    def module_alias(self, module: str) -> Optional[str]:
        """The name a top-level ``import module [as alias]`` binds, if there is one."""
        for statement in self.tree.body:
            if isinstance(statement, ast.Import):
                for alias in statement.names:
                    if alias.name == module:
                        return alias.asname or module
        return None

    def partial_reference(self) -> tuple[str, list[TextEdit]]:
        """How to spell ``functools.partial`` here, and the import to add if there is none."""
        for statement in self.tree.body:
            if isinstance(statement, ast.ImportFrom) and statement.module == "functools" and (
                statement.level == 0
            ):
                for alias in statement.names:
                    name = alias.asname or "partial"
                    if alias.name == "partial" and name not in self._stored_names:
                        return name, []
        alias = self.module_alias("functools")
        if alias is not None:
            return f"{alias}.partial", []
        if "functools" in self.all_identifiers:
            raise _CannotFix  # something else is called functools: do not guess
        return "functools.partial", [insert(self.import_line(), 0, "import functools" +
                                            self.newline)]

    @cached_property
    def _stored_names(self) -> frozenset[str]:
        """Names assigned anywhere (an imported ``partial`` that is also assigned is not
        reliably ``functools.partial``)."""
        return frozenset(
            node.id
            for node in ast.walk(self.tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
        )

    def import_line(self) -> int:
        """The line before which a new import goes: after the module's leading imports (and
        its docstring and ``__future__`` imports, which must stay first)."""
        line = 1
        for index, statement in enumerate(self.tree.body):
            is_docstring = index == 0 and isinstance(statement, ast.Expr) and isinstance(
                statement.value, ast.Constant
            ) and isinstance(statement.value.value, str)
            if is_docstring or isinstance(statement, (ast.Import, ast.ImportFrom)):
                line = (statement.end_lineno or statement.lineno) + 1
            else:
                break
        return line


class _CannotFix(Exception):
    """Raised deep inside a fix to say "not offered" (caught by :func:`offered`)."""


def cannot_fix() -> _CannotFix:
    return _CannotFix()


def offered(build: Callable[[], Optional[Fix]]) -> Optional[Fix]:
    """Run a fix builder; ``None`` if it found on the way that it cannot apply safely."""
    try:
        return build()
    except _CannotFix:
        return None


def _walk_tables(table: symtable.SymbolTable) -> Iterator[symtable.SymbolTable]:
    yield table
    for child in table.get_children():
        yield from _walk_tables(child)


def _declared_globals(table: symtable.SymbolTable) -> set[str]:
    names: set[str] = set()
    for child in _walk_tables(table):
        if child.get_type() == "module":
            continue
        names.update(
            s.get_name() for s in child.get_symbols() if s.is_declared_global() and s.is_assigned()
        )
    return names


def _start_column(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", [])
    if decorators:
        first = min(decorators, key=lambda d: (d.lineno, d.col_offset))
        return max(first.col_offset - 1, 0)  # the ``@``
    return statement.col_offset


def loaded_names(nodes: Iterable[ast.AST]) -> set[str]:
    """Names read anywhere inside ``nodes``."""
    return {
        inner.id
        for node in nodes
        for inner in ast.walk(node)
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load)
    }


def bound_names(statement: ast.AST) -> set[str]:
    """Names a statement binds in its own scope (not inside nested functions or classes)."""
    names: set[str] = set()
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            if node is not statement:
                continue
            pending.extend(getattr(node, "decorator_list", []))
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        pending.extend(ast.iter_child_nodes(node))
    return names



_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def closure_parameters(
    file: SourceFile, node: Union[ast.Lambda, FunctionNode]
) -> list[str]:
    """The names a function takes from where it is defined, in order of first use: what it
    needs as leading parameters once it is moved to module level.

    Raises (the fix is not offered) when moving would change what a name means: it rebinds a
    closure variable (``nonlocal``), uses ``super()``/``__class__``, reads a comprehension
    variable or a name of an enclosing class body, or its defaults, decorators or annotations
    (evaluated where it is defined) use local names.
    """
    table = file.scope_table(node)
    if table is None:
        raise cannot_fix()
    frees = set(table.get_frees())
    if "__class__" in frees or any(
        symbol.is_nonlocal() for inner in _walk_tables(table) for symbol in inner.get_symbols()
    ):
        raise cannot_fix()
    global_reads = file.global_reads(table)
    for ancestor in file.syntax.ancestors(node):
        if isinstance(ancestor, _COMPREHENSIONS) and frees & {
            name for generator in ancestor.generators for name in bound_names(generator.target)
        }:
            raise cannot_fix()
        if isinstance(ancestor, ast.ClassDef) and global_reads & {
            name for statement in ancestor.body for name in bound_names(statement)
        }:
            raise cannot_fix()
    evaluated_here: list[ast.AST] = [*node.args.defaults, *node.args.kw_defaults]
    if not isinstance(node, ast.Lambda):
        evaluated_here.extend(node.decorator_list)
        if node.returns is not None:
            evaluated_here.append(node.returns)
        arguments = node.args
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                         arguments.vararg, arguments.kwarg]:
            if argument is not None and argument.annotation is not None:
                evaluated_here.append(argument.annotation)
    if any(
        not file.is_global_name(name) or name in file.guard_only_names
        for name in loaded_names(n for n in evaluated_here if n is not None)
    ):
        raise cannot_fix()
    wanted = frees | (global_reads & file.guard_only_names)
    order: dict[str, tuple[int, int]] = {}
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and inner.id in wanted:
            order[inner.id] = min(order.get(inner.id, (inner.lineno, inner.col_offset)),
                                  (inner.lineno, inner.col_offset))
    return sorted(wanted, key=lambda name: order.get(name, (0, 0)))
