"""A tree for any text: what the engine reads while the user types, in any Python's syntax.

``ast.parse`` is all or nothing: one unclosed bracket and the file has no tree, so every finding
in it disappears at the first keystroke of an edit; and the Python that runs mp-lsp rejects the
syntax of newer ones (PEP 695 on 3.11). :func:`parse_tolerant` returns a real ``ast.Module`` for
any ``str``. Every node in it has the positions ``ast`` gives for the *original* text (lines,
UTF-8 byte columns), so every helper that reads ``ast`` positions keeps working; what could not
be read is left out and named, by lines, in :attr:`TolerantParse.skipped`.

How, chosen by measurement (``benchmarks/tolerant_parse.py``): parso's error recovery is 5-8
times slower than ``ast.parse`` and reads no PEP 695; tree-sitter is fast but gives its own tree,
so ``ast.parse`` of what it marks good would still be needed, from a compiled dependency; parsing
each top-level statement alone loses the whole function that holds an error. Instead:

1. Text that parses costs one ``ast.parse``, as before: nothing else runs.
2. Syntax newer than the running Python is rewritten in place, each line keeping its UTF-8
   length so that no other position moves: PEP 695 type parameters become spaces,
   ``type X[T] = v`` is read as ``X = v``, and, before 3.14, ``t"..."`` as ``f"..."`` and
   ``except A, B:`` as ``except A:`` (before 3.11, ``except*`` as ``except``).
3. At a syntax error, the smallest statement around it whose removal lets its enclosing statement
   parse is blanked, so line numbers do not move: a broken ``with``, loop or clause header alone
   (an ``if 1:`` or the bare clause stands in, keeping its block), else the logical line, else the
   whole statement, widening up to the top level; a ``pass`` stands in where a block would be
   empty. Then parsing goes on: the text before the error's top-level statement is parsed once as
   it is, the rest from that statement on, so a file costs about two parses however many errors
   it has.

Statements are found without tokenizing (``tokenize`` is pure Python, a second per 50,000 lines,
and gives up at the first error): :class:`_Layout` masks strings and comments with one regular
expression and reads brackets and indentation line by line, in linear time for any text.
"""

from __future__ import annotations

import ast
import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterator, NamedTuple, Optional

__all__ = ["TolerantParse", "parse_tolerant"]

#: Python's own line breaks, as the rest of the engine splits them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A comment, or a whole string literal. Each body is an "unrolled loop" (no nested
#: quantifiers), so an unterminated string costs linear time; a single-quoted one ends at its
#: line's end, a triple-quoted one at the end of the text, as far as the tokenizer got.
_STRING_OR_COMMENT = re.compile(
    r"#[^\r\n]*"
    r"|(?:(?<!\w)([rRbBuUfFtT]{1,2}))?"
    r"(?:'''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*(?:'''|\Z)"
    r'|"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"""|\Z)'
    r"|'[^'\\\r\n]*(?:\\(?:\r\n|[\s\S])[^'\\\r\n]*)*'?"
    r'|"[^"\\\r\n]*(?:\\(?:\r\n|[\s\S])[^"\\\r\n]*)*"?)'
)
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_NOT_BRACKET = re.compile(r"[^()\[\]{}\r\n]+")
#: Brackets folded to one kind, so a line's depth change is one ``count``.
_FOLD_BRACKETS = str.maketrans({"[": "(", "{": "(", "]": ")", "}": ")"})
_BRACKET = re.compile(r"[()\[\]{}]")
_CLAUSE = re.compile(r"(?:else|elif|except|finally)\b")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HEADER_LINE = re.compile(r"on line (\d+)")
_HEADER_WORD = re.compile(r"(?:async[ \t]+)?(\w+)")
#: Stand-ins for the broken headers whose block can be kept (see ``_Repair._stand_in``).
_STAND_INS = {
    "with": "if 1:", "for": "if 1:", "while": "if 1:",
    "try": "try:", "else": "else:", "except": "except:", "finally": "finally:",
}
#: Newer syntax, found in the masked text; :func:`_downgrades` checks that a statement starts
#: there (patterns that start with a word scan much faster than ones anchored at line starts).
_GENERIC_DEFINITION = re.compile(r"(?:def|class)[ \t]+\w+[ \t]*(\[)")
_TYPE_ALIAS = re.compile(r"type[ \t]+(\w+)[ \t]*(\[)?")
_ASSIGNMENT = re.compile(r"[ \t]*=(?!=)")
_EXCEPT = re.compile(r"except[ \t]*(\*)?")
_CLAUSE_PUNCTUATION = re.compile(r"[()\[\]{},:]")
_AS = re.compile(r"\bas\b")
_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)
#: Errors repaired before the rest of the file is given up: each costs at most two parses of
#: what follows it, so garbage text cannot take long.
MAX_REPAIRS = 20
#: Statements tried around one error before its whole top-level statement is left out.
MAX_TRIES = 6


@dataclass(frozen=True)
class TolerantParse:
    """A module's tree, with what had to be left out or rewritten to get it."""

    tree: ast.Module
    #: 1-based inclusive line ranges that are not in :attr:`tree`, sorted and disjoint. A stand-in
    #: may be on the first line of one: a ``pass`` where a block would be empty, or a bare
    #: header (``if 1:``, ``try:``, ``except:``, ...) where a broken one had a block to keep.
    skipped: tuple[tuple[int, int], ...] = ()
    #: 1-based lines kept in :attr:`tree` but read differently from their text: newer syntax
    #: downgraded (a type alias as an assignment, type parameters dropped), null bytes as
    #: spaces, lone surrogates as U+FFFD.
    rewritten: tuple[int, ...] = ()
    #: Why each skipped range was left out, in the engine's ``SyntaxError: msg (line N)`` form.
    errors: tuple[str, ...] = ()
    #: ``ast.parse`` calls made: 1 for valid text; bounded for any text.
    rounds: int = 1


def parse_tolerant(source: str, filename: str = "<unknown>") -> TolerantParse:
    """The tree of ``source``, leaving out only the statements that cannot be read.

    Never raises for a ``str``: at worst the tree is empty and the whole text is skipped.
    """
    try:
        return TolerantParse(ast.parse(source, filename))
    except _PARSE_ERRORS as error:
        return _Repair(source, filename).run(error)


class _Layout:
    """Where each physical line's logical line starts, and its indentation, for any text.

    Strings and comments are masked first (a string by ``"`` characters, a comment by spaces,
    line breaks kept), so what is left is brackets, names and indentation. Unlike the tokenizer,
    one half-typed token does not swallow the file, as it would not for a reader: a line inside
    brackets that starts with a name or ``@`` no deeper than the line that opened them starts a
    new statement, and an unterminated triple-quoted string ends with its line. Valid code never
    reaches here, and a wrong guess only widens a repair.

    :meth:`replace` keeps it up to date as the repair blanks lines.
    """

    def __init__(self, text: str) -> None:
        multiline: list[int] = []
        unterminated: list[int] = []
        #: Offsets of the ``t`` of template strings (PEP 750), for versions before 3.14.
        self.templates: list[int] = []
        pieces = []
        position = 0
        while True:
            match = _STRING_OR_COMMENT.search(text, position)
            if match is None:
                break
            start, end = match.span()
            pieces.append(text[position:start])
            found = match.group()
            if found[0] == "#":
                pieces.append(" " * len(found))
                position = end
                continue
            prefix = match.group(1) or ""
            if "t" in prefix.lower():
                self.templates.append(start + prefix.lower().index("t"))
            quote = found[len(prefix) : len(prefix) + 3]
            if quote in ("'''", '"""') and (len(found) < len(prefix) + 6 or found[-3:] != quote):
                # Unterminated, so the rest of the text is this string to the tokenizer; to the
                # user typing it, it is code: the string ends with its line.
                line_end = _LINE_BREAK.search(text, start)
                end = line_end.start() if line_end else len(text)
                found = text[start:end]
                unterminated.append(start)
            if "\n" in found or "\r" in found:
                multiline += (start, end)
                pieces.append(_NOT_LINE_BREAK.sub('"', found))
            else:
                pieces.append('"' * len(found))
            position = end
        pieces.append(text[position:])
        self.masked = "".join(pieces)
        self.offsets = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self.lines = _LINE_BREAK.split(self.masked)
        #: Where unterminated triple-quoted strings start (Python 3.9 reports them at the end).
        self.unterminated = [self.line_of(offset) for offset in unterminated]
        count = len(self.lines)
        self.in_string = bytearray(count)
        for at in range(0, len(multiline), 2):
            first, last = self.line_of(multiline[at]), self.line_of(multiline[at + 1] - 1)
            self.in_string[first + 1 : last + 1] = b"\x01" * (last - first)
        # One "\n" per line break first, so that removing a line's text cannot make a "\r" and
        # the next line's "\n" one break.
        reduced = _NOT_BRACKET.sub("", _LINE_BREAK.sub("\n", self.masked))
        self.brackets = reduced.translate(_FOLD_BRACKETS).split("\n")
        self.starts = bytearray(count)
        self.code = bytearray(count)
        self.indent = [0] * count
        #: Lines that start a statement though the brackets before them are still open.
        self.resumed = bytearray(count)
        self.scan(0, count - 1)

    def scan(self, first: int, last: int) -> None:
        """Find where statements start on lines ``first..last``, ``first`` starting one."""
        depth = opener = 0
        continued = False
        for index in range(first, last + 1):
            line = self.lines[index]
            if not self.in_string[index] and not continued:
                stripped = line.lstrip(" \t\f")
                named = stripped and (stripped[0] == "@" or stripped[0].isidentifier())
                if depth and named and _width(line, len(line) - len(stripped)) <= opener:
                    depth = 0
                    self.resumed[index] = 1
                if not depth:
                    self.starts[index] = 1
                    if stripped:
                        opener = self.indent[index] = _width(line, len(line) - len(stripped))
                        self.code[index] = 1
            folded = self.brackets[index]
            if folded:
                depth = max(0, depth + 2 * folded.count("(") - len(folded))
            continued = line.endswith("\\")

    def replace(self, first: int, lines: list[str]) -> None:
        """Take blanked (or stand-in) lines from ``first`` on; what the first line's logical line
        held after them is read again, as a stand-in header makes it a block."""
        last = first + len(lines) - 1
        end = self.logical_end(first)
        self.lines[first : last + 1] = lines
        self.brackets[first : last + 1] = [""] * len(lines)
        self.starts[first : last + 1] = b"\x01" * len(lines)
        self.code[first : last + 1] = bytes(len(lines))
        self.code[first] = bool(lines[0])
        if end > last:
            self.scan(last + 1, end)

    def line_of(self, offset: int) -> int:
        return bisect_right(self.offsets, offset) - 1

    def _text(self, line: int) -> str:
        return self.lines[line].lstrip(" \t\f")

    def is_clause(self, line: int) -> bool:
        return _CLAUSE.match(self._text(line)) is not None

    def is_decorator(self, line: int) -> bool:
        return self._text(line).startswith("@")

    def is_statement(self, line: int) -> bool:
        return bool(self.starts[line] and self.code[line])

    def statement_at(self, line: int) -> Optional[int]:
        """The first line of the statement that holds ``line``."""
        while line >= 0 and not self.is_statement(line):
            line -= 1
        return line if line >= 0 else None

    def previous(self, line: int) -> Optional[int]:
        """The nearest statement before ``line``."""
        line -= 1
        while line >= 0 and not self.is_statement(line):
            line -= 1
        return line if line >= 0 else None

    def following(self, line: int) -> Optional[int]:
        """The nearest statement after ``line``."""
        line += 1
        while line < len(self.lines) and not self.is_statement(line):
            line += 1
        return line if line < len(self.lines) else None

    def parent(self, line: int) -> Optional[int]:
        """The nearest statement before ``line`` that is indented less: its block's header."""
        indent = self.indent[line]
        line -= 1
        while line >= 0 and not (self.is_statement(line) and self.indent[line] < indent):
            line -= 1
        return line if line >= 0 else None

    def head(self, line: int) -> int:
        """The first line of the whole statement: an ``else`` belongs to its ``if``, a ``def``
        to its decorators."""
        while True:
            indent = self.indent[line]
            before = self.previous(line)
            while before is not None and self.indent[before] > indent:
                before = self.previous(before)
            if before is None or self.indent[before] != indent:
                return line
            if not (self.is_clause(line) or self.is_decorator(before)):
                return line
            line = before

    def logical_end(self, line: int) -> int:
        """The last physical line of the logical line that starts at ``line``."""
        end = line + 1
        while end < len(self.lines) and not self.starts[end]:
            end += 1
        return end - 1

    def is_header(self, line: int) -> bool:
        return self.lines[self.logical_end(line)].rstrip().endswith(":")

    def block_end(self, line: int) -> tuple[int, Optional[int]]:
        """The last line of ``line``'s statement and its indented block, and the next statement
        not inside it."""
        indent = self.indent[line]
        end = line
        for after in range(line + 1, len(self.lines)):
            if not self.starts[after]:
                end = after
            elif self.code[after]:
                if self.indent[after] <= indent:
                    return end, after
                end = after
        return end, None

    def statement_end(self, head: int) -> int:
        """The last line of the statement from ``head``, its clauses and decorated definition."""
        line = head
        while True:
            end, following = self.block_end(line)
            if following is None or self.indent[following] != self.indent[head]:
                return end
            if not (self.is_decorator(line) or self.is_clause(following)):
                return end
            line = following

    def top(self, line: int) -> Optional[int]:
        """The first line of the top-level statement that holds ``line``."""
        while line >= 0 and not (self.is_statement(line) and self.indent[line] == 0):
            line -= 1
        return self.head(line) if line >= 0 else None

    def tops(self, start: int) -> list[int]:
        """The first lines of the top-level statements from ``start`` on."""
        return [
            line
            for line in range(start, len(self.lines))
            if self.is_statement(line) and self.indent[line] == 0 and self.head(line) == line
        ]


def _width(line: str, lead: int) -> int:
    """The tokenizer's indentation column: tabs to multiples of 8, a form feed resets."""
    prefix = line[:lead]
    if "\t" not in prefix and "\f" not in prefix:
        return lead
    column = 0
    for char in prefix:
        column = 0 if char == "\f" else column + 1 if char == " " else column // 8 * 8 + 8
    return column


def _blank(text: str, keep: str = "") -> Optional[str]:
    """``text`` as spaces of the same UTF-8 length, starting with ``keep``.

    Line breaks stay (line numbers must not move), each escaped by a backslash in place of the
    last blank before it, so a blanked multi-line span stays one logical line. ``None`` when a
    line in it is empty and leaves no room for the backslash.
    """
    parts = _LINE_BREAK.split(text)
    breaks = [*_LINE_BREAK.findall(text), ""]
    out = []
    for index, part in enumerate(parts):
        lead = keep if index == 0 else ""
        room = len(part.encode()) - len(lead.encode())
        if not breaks[index]:
            out.append(lead + " " * room)
        elif room > 0:
            out.append(lead + " " * (room - 1) + "\\" + breaks[index])
        else:
            return None
    return "".join(out)


def _closing(layout: _Layout, opening: int) -> Optional[int]:
    """The offset of the bracket that closes the one at ``opening``, within its logical line."""
    depth = 0
    for match in _BRACKET.finditer(layout.masked, opening, _logical_limit(layout, opening)):
        depth += 1 if match.group() in "([{" else -1
        if depth == 0:
            return match.start()
    return None


def _logical_limit(layout: _Layout, offset: int) -> int:
    """The offset just past the logical line that holds ``offset``."""
    following = layout.logical_end(layout.line_of(offset)) + 1
    return layout.offsets[following] if following < len(layout.offsets) else len(layout.masked)


_Edit = tuple[int, int, str]


def _downgrades(text: str, layout: _Layout) -> tuple[list[_Edit], dict[tuple[int, int], int]]:
    """Position-preserving rewrites of the syntax the running Python cannot read, and for each
    type alias read as an assignment, where its statement is and how far its name moved."""
    edits: list[_Edit] = []
    aliases: dict[tuple[int, int], int] = {}

    def indentation(match: re.Match[str], after_async: bool = False) -> Optional[str]:
        """The indentation of the statement that starts with the match (or with ``async`` and
        it), ``None`` if no statement starts there."""
        line = layout.line_of(match.start())
        before = layout.lines[line][: match.start() - layout.offsets[line]]
        indent = before[: len(before) - len(before.lstrip(" \t\f"))]
        rest = before[len(indent) :]
        if rest and not (after_async and rest[:5] == "async" and rest[5:].strip(" \t") == ""):
            return None
        return indent if layout.is_statement(line) else None

    def blank(start: int, end: int, keep: str = "") -> bool:
        replacement = _blank(text[start:end], keep)
        if replacement is not None:
            edits.append((start, end, replacement))
        return replacement is not None

    if sys.version_info < (3, 12):
        for match in _GENERIC_DEFINITION.finditer(layout.masked):
            at_statement = indentation(match, after_async=True) is not None
            close = _closing(layout, match.start(1)) if at_statement else None
            if close is not None:
                blank(match.start(1), close + 1)
        for match in _TYPE_ALIAS.finditer(layout.masked):
            indent = indentation(match)
            end = match.end()
            if indent is not None and match.group(2):
                close = _closing(layout, match.start(2))
                end = close + 1 if close is not None else -1
            if indent is None or end < 0 or _ASSIGNMENT.match(layout.masked, end) is None:
                continue
            if blank(match.start(), end, keep=match.group(1)):
                statement = (layout.line_of(match.start()) + 1, len(indent.encode()))
                aliases[statement] = match.start(1) - match.start()
    if sys.version_info < (3, 14):
        edits.extend((at, at + 1, "f" if text[at] == "t" else "F") for at in layout.templates)
        for match in _EXCEPT.finditer(layout.masked):
            if indentation(match) is None:
                continue
            if match.group(1) and sys.version_info < (3, 11):
                blank(match.start(1), match.end(1))  # except* read as except
            span = _unparenthesized_types(layout, match)
            if span is not None:
                blank(*span)
    return edits, aliases


def _unparenthesized_types(layout: _Layout, match: re.Match[str]) -> Optional[tuple[int, int]]:
    """For ``except A, B:`` (PEP 758), the span of ``, B``: blanking it keeps the handler, with
    its first type only, and every position."""
    depth = 0
    comma = None
    limit = _logical_limit(layout, match.start())
    for found in _CLAUSE_PUNCTUATION.finditer(layout.masked, match.end(), limit):
        char = found.group()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and char == "," and comma is None:
            comma = found.start()
        elif depth == 0 and char == ":":
            if comma is None or _AS.search(layout.masked, match.end(), found.start()):
                return None
            return comma, found.start()
    return None


def _apply(text: str, edits: list[_Edit]) -> tuple[str, list[_Edit]]:
    """``text`` with the non-overlapping ``edits`` made, and those edits."""
    pieces = []
    applied = []
    position = 0
    for start, end, replacement in sorted(edits):
        if start >= position:
            pieces.append(text[position:start])
            pieces.append(replacement)
            applied.append((start, end, replacement))
            position = end
    pieces.append(text[position:])
    return "".join(pieces), applied


class _Region(NamedTuple):
    """0-based lines to leave out, and the header to stand on the first in place of a broken
    one (``None``: blank, or ``pass`` where the block would be empty)."""

    first: int
    last: int
    stand_in: Optional[str] = None


class _Repair:
    """One text that ``ast.parse`` rejected, on its way to a tree."""

    def __init__(self, source: str, filename: str) -> None:
        self.filename = filename
        self.rounds = 1
        self.skipped: list[tuple[int, int]] = []
        self.errors: list[str] = []
        # A BOM is not text to ``ast`` (parsing bytes drops it), but it is the first character
        # of line 1 to an editor: dropped here, its 3 bytes are added back to line 1's columns.
        self.bom = source.startswith("\ufeff")
        text = source[1:] if self.bom else source
        dirty = [m.start() for m in re.finditer("\0", text)] if "\0" in text else []
        dirty += [m.start() for m in _SURROGATE.finditer(text)]
        if dirty:
            # Same UTF-8 length as the tokenizer would count (surrogates as surrogatepass does).
            text = _SURROGATE.sub("\ufffd", text.replace("\0", " "))
        self.layout = _Layout(text)
        edits, self.aliases = _downgrades(text, self.layout)
        text, edits = _apply(text, edits)
        line_of = self.layout.line_of
        rewritten = {line_of(at) + 1 for at in dirty}
        for start, end, _ in edits:
            rewritten.update(range(line_of(start) + 1, line_of(end - 1) + 2))
        self.rewritten = tuple(sorted(rewritten))
        #: Whether the text differs from the source in any way ``ast`` sees.
        self.changed = bool(dirty or edits or self.bom)
        # Joined again with "\n" only: ``ast`` reads every line break as one, and a blanked
        # line between a "\r" and a "\n" would otherwise make them one.
        self.lines = _LINE_BREAK.split(text)
        #: Where the tuples that stand for PEP 701 f-strings start (line, byte column).
        self.fstrings: set[tuple[int, int]] = set()
        self._fstrings_read: set[int] = set()

    # -- the loop --------------------------------------------------------------------------
    def run(self, error: BaseException) -> TolerantParse:
        """Parse from the first line on; at each error, keep what comes before its top-level
        statement, blank the smallest statement that fixes it, and go on from there."""
        last = len(self.lines) - 1
        start = 0
        body: list[ast.stmt] = []
        failure: Optional[BaseException] = None if self.changed else error
        for _ in range(MAX_REPAIRS):
            if failure is None:
                tree, failure = self._parse(start, last)
                if tree is not None:
                    body.extend(tree.body)
                    break
            line = self._line(failure, start)
            if line is not None and self._read_fstrings(line):
                failure = None
                continue
            region = self._culprit(start) if line is None else self._region(line, failure, start)
            top = max(start, self.layout.top(region.first) or start)
            if top > start:
                tree, before = self._parse(start, top - 1)
                if tree is None:
                    failure = before
                    continue
                body.extend(tree.body)
                start = top
            self._leave_out(region, failure)
            failure = None
        else:
            if any(self.layout.code[start:]):
                self._leave_out(_Region(start, last), failure)
        return self._result(body)

    def _read_fstrings(self, line: int) -> bool:
        """Before Python 3.12: rewrite the f-strings of the statement at an error the way an
        older ``ast`` reads them (:class:`_FStrings`), if it has any; whether it did."""
        layout = self.layout
        first = layout.statement_at(line) if sys.version_info < (3, 12) else None
        if first is None or first in self._fstrings_read:
            return False
        self._fstrings_read.add(first)
        text = "\n".join(self.lines[first : first + _FSTRING_WINDOW])
        if not _HAS_FSTRING.search(text):
            return False
        reader = _FStrings(text)
        try:
            end = reader.logical_line()
        except (_Unreadable, IndexError):
            return False
        last = first + text.count("\n", 0, end)
        if not reader.tuples or last < line:
            return False
        lines = "".join(reader.out[:end]).split("\n")
        self.lines[first : last + 1] = lines
        starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text, 0, end))]
        for offset in reader.tuples:
            index = bisect_right(starts, offset) - 1
            column = len(text[starts[index] : offset].encode("utf-8", "surrogatepass"))
            self.fstrings.add((first + index + 1, column))
        # One logical line now; what follows is read again, as the masks may have misread it.
        for index in range(first, last + 1):
            layout.lines[index] = lines[index - first]
            layout.brackets[index] = ""
            if index > first:
                layout.starts[index] = layout.code[index] = 0
        following = last + 1
        while following < len(self.lines) and not (
            layout.is_statement(following) and layout.indent[following] == 0
        ):
            following += 1
        if last + 1 < len(self.lines):
            layout.scan(last + 1, min(following, len(self.lines) - 1))
        self.rewritten = tuple(sorted({*self.rewritten, *range(first + 1, last + 2)}))
        return True

    def _parse(self, first: int, last: int) -> tuple[Optional[ast.Module], Optional[BaseException]]:
        """Lines ``first..last`` parsed where they stand (blank lines keep the numbers)."""
        self.rounds += 1
        text = "\n" * first + "\n".join(self.lines[first : last + 1])
        try:
            return ast.parse(text, self.filename), None
        except _PARSE_ERRORS as error:
            return None, error

    def _line(self, error: BaseException, start: int) -> Optional[int]:
        """The 0-based line an error names, if it names one."""
        if not isinstance(error, SyntaxError) or not error.lineno:
            return None
        return min(max(error.lineno - 1, start), len(self.lines) - 1)

    # -- choosing what to leave out ----------------------------------------------------------
    def _region(self, line: int, error: BaseException, start: int) -> _Region:
        """The smallest statement around the error whose removal lets the statement around it
        parse; the error's whole top-level statement if none does within :data:`MAX_TRIES`.
        Nothing before ``start``, which is parsed already."""
        candidates = [
            region for region in self._candidates(line, error) if region.first >= start
        ] or [_Region(line, len(self.lines) - 1)]
        for region in candidates[:MAX_TRIES]:
            window = self._window(region.first)
            if window == (region.first, region.last) or self._fixes(region, window):
                return region
        return candidates[-1]

    def _candidates(self, line: int, error: BaseException) -> list[_Region]:
        """Statements around the error, innermost first: a broken header alone, its logical
        line, its clause, its statement, then each enclosing statement up to the top level."""
        layout = self.layout
        message = str(getattr(error, "msg", ""))
        opened = [start for start in layout.unterminated if start <= line]
        if "triple-quoted string" in message and opened:
            line = opened[-1]
        first = layout.statement_at(line)
        if isinstance(error, IndentationError) and "expected an indented block" in message:
            # "... after 'if' statement on line 3": the header is what is broken. Python 3.9
            # does not say which: the nearest before the error.
            header = _HEADER_LINE.search(message)
            if header is not None:
                first = layout.statement_at(min(int(header.group(1)) - 1, line))
            while first is not None and not layout.is_header(first):
                first = layout.previous(first)
            first = layout.statement_at(line) if first is None else first
        if first is None:
            return [_Region(line, len(self.lines) - 1)]
        regions: list[_Region] = []

        def add(region: _Region) -> None:
            last = region.last
            while last > region.first and not layout.lines[last].strip():
                last -= 1  # trailing blank or comment lines: nothing to leave out
            if region._replace(last=last) not in regions:
                regions.append(region._replace(last=last))

        before = layout.previous(first) if layout.resumed[first] else None
        if before is not None and layout.logical_end(before) == first - 1:
            # The error is where the tokens stopped fitting; the culprit left a bracket open.
            add(_Region(before, first - 1))
        stand_in = self._stand_in(first)
        if stand_in is not None:
            add(_Region(first, first, stand_in))
        if not layout.is_header(first):
            add(_Region(first, layout.logical_end(first)))
        if layout.is_clause(first):
            add(_Region(first, layout.block_end(first)[0]))
        head = layout.head(first)
        add(_Region(head, layout.statement_end(head)))
        while layout.indent[head]:
            parent = layout.parent(head)
            if parent is None:
                break
            head = layout.head(parent)
            add(_Region(head, layout.statement_end(head)))
        return regions

    def _stand_in(self, line: int) -> Optional[str]:
        """A header to put in place of a broken one, so that its block is kept: ``with`` and
        loop headers become ``if 1:``, a clause its bare keyword. Not for the headers whose
        block is a scope (``def``, ``class``) or runs on a condition (``if``, ``elif``,
        ``match``): a main guard must not read as code that runs at import."""
        text = self.layout.lines[line]
        word = _HEADER_WORD.match(text.lstrip(" \t\f"))
        stand_in = _STAND_INS.get(word.group(1)) if word else None
        following = line + 1
        while following < len(self.lines) and not self.layout.lines[following].strip():
            following += 1
        if stand_in is None or following == len(self.lines):
            return None
        after = self.layout.lines[following]
        if _width(after, len(after) - len(after.lstrip(" \t\f"))) <= self.layout.indent[line]:
            return None
        return text[: len(text) - len(text.lstrip(" \t\f"))] + stand_in

    def _window(self, line: int) -> tuple[int, int]:
        """The statement to re-parse to tell whether blanking a region from ``line`` helps:
        the statement around its own, or its own at the top level."""
        layout = self.layout
        head = layout.head(line)
        parent = layout.parent(head) if layout.indent[head] else None
        if parent is not None:
            head = layout.head(parent)
        return head, layout.statement_end(head)

    def _fixes(self, region: _Region, window: tuple[int, int]) -> bool:
        """Whether the window parses with the region blanked, or fails only outside it (another
        error, for a later repair). An indentation error means the blanking left a block without
        its header, or a header without its block."""
        first, last = window
        replaced = self._replacement(region)
        lines = [
            replaced[index - region.first] if region.first <= index <= region.last
            else self.lines[index]
            for index in range(first, last + 1)
        ]
        wrapped = self.layout.indent[first] > 0
        text = ("if 1:\n" if wrapped else "") + "\n".join(lines)
        self.rounds += 1
        try:
            ast.parse(text, self.filename)
        except _PARSE_ERRORS as error:
            if isinstance(error, IndentationError) or not isinstance(error, SyntaxError):
                return False
            line = first + (error.lineno or 0) - 1 - wrapped
            return bool(error.lineno) and not region.first <= line <= region.last
        return True

    def _replacement(self, region: _Region) -> list[str]:
        """Blank lines for a region, its stand-in header first if it has one, or a ``pass``
        where it is all of a block."""
        layout = self.layout
        first, last = region.first, region.last
        lines = [""] * (last - first + 1)
        indent = layout.indent[first]
        before, after = layout.previous(first), layout.following(last)
        if region.stand_in is not None:
            lines[0] = region.stand_in
        elif (
            before is not None
            and layout.indent[before] < indent
            and layout.is_header(before)
            and (after is None or layout.indent[after] < indent)
        ):
            text = self.lines[first]
            lines[0] = text[: len(text) - len(text.lstrip(" \t\f"))] + "pass"
        return lines

    def _culprit(self, start: int) -> _Region:
        """The top-level statement behind an error with no line (too deeply nested for the
        parser or for building the tree), found by bisecting the statements from ``start``."""
        tops = self.layout.tops(start) or [start]
        low, high = 0, len(tops) - 1
        while low < high:
            middle = (low + high) // 2
            tree, _ = self._parse(start, tops[middle + 1] - 1)
            if tree is None:
                high = middle
            else:
                low = middle + 1
        end = tops[low + 1] - 1 if low + 1 < len(tops) else len(self.lines) - 1
        return _Region(tops[low], end)

    def _leave_out(self, region: _Region, error: Optional[BaseException]) -> None:
        replaced = self._replacement(region)
        self.lines[region.first : region.last + 1] = replaced
        self.layout.replace(region.first, replaced)
        self.skipped.append((region.first + 1, region.last + 1))
        self.errors.append(_describe(error))

    # -- the result ---------------------------------------------------------------------------
    def _result(self, body: list[ast.stmt]) -> TolerantParse:
        if self.aliases:
            _move_alias_names(body, self.aliases, sorted(line for line, _ in self.aliases))
        if self.fstrings:
            _restore_fstrings(body, self.fstrings)
        if self.bom:
            _shift_first_line(body, len("\ufeff".encode()))
        # Overlapping ranges merge; adjacent ones stay apart, each stand-in on its own first line.
        merged: list[tuple[int, int]] = []
        for first, last in sorted(self.skipped):
            if merged and first <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
            else:
                merged.append((first, last))
        return TolerantParse(
            ast.Module(body=body, type_ignores=[]),
            skipped=tuple(merged),
            rewritten=self.rewritten,
            errors=tuple(self.errors),
            rounds=self.rounds,
        )


def _describe(error: Optional[BaseException]) -> str:
    if isinstance(error, SyntaxError):
        return f"{type(error).__name__}: {error.msg} (line {error.lineno})"
    if error is None:
        return "SyntaxError: too many errors; the rest of the file is left out"
    return f"cannot parse: {type(error).__name__}: {error}"


def _child_statements(statement: ast.AST) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        value = getattr(statement, name, None)
        if isinstance(value, list):
            yield value
    for part in (*getattr(statement, "handlers", ()), *getattr(statement, "cases", ())):
        yield part.body


def _move_alias_names(
    body: list[ast.stmt], aliases: dict[tuple[int, int], int], lines: list[int]
) -> None:
    """Put each type alias's name back where ``type X`` had it: its assignment was parsed with
    the name moved left to the statement's start. Only statements that span an alias's line are
    entered, so this costs a fraction of a walk."""
    for statement in body:
        shift = aliases.get((statement.lineno, statement.col_offset))
        if shift is not None and isinstance(statement, ast.Assign):
            for name in statement.targets:
                name.col_offset += shift
                name.end_col_offset = (name.end_col_offset or 0) + shift
        end = statement.end_lineno or statement.lineno
        index = bisect_left(lines, statement.lineno + 1)
        if index < len(lines) and lines[index] <= end:
            for child in _child_statements(statement):
                _move_alias_names(child, aliases, lines)


def _shift_first_line(body: list[ast.stmt], by: int) -> None:
    """Move the columns of every position on line 1 right by ``by`` bytes."""
    pending: list[ast.AST] = [statement for statement in body if statement.lineno == 1]
    while pending:
        node = pending.pop()
        if getattr(node, "lineno", 1) != 1:
            continue
        if hasattr(node, "col_offset"):
            node.col_offset += by  # type: ignore[attr-defined]
        if getattr(node, "end_lineno", None) == 1:
            node.end_col_offset += by  # type: ignore[attr-defined]
        pending.extend(ast.iter_child_nodes(node))



# -- PEP 701 f-strings before Python 3.12 -------------------------------------------------------
#: An f-string (or t-string) starts in this text.
_HAS_FSTRING = re.compile(r"(?<![\w])[rRbBuU]?[fFtT][rRbBuU]?['\"]")
_PREFIX_LETTERS = frozenset("rRbBuUfFtT")
#: How far a statement with f-strings is scanned (lines), so that any text costs linear time.
_FSTRING_WINDOW = 400


class _Unreadable(Exception):
    """The text is not a PEP 701 f-string statement this reader understands."""


class _FStrings:
    """Python 3.12's f-strings (PEP 701: any quotes, comments, backslashes and line breaks in
    replacement fields) rewritten for an older ``ast``, keeping every position.

    Each group of adjacent string literals that holds an f-string becomes a tuple of its
    replacement fields' expressions, which stay where they are: ``f"{x["k"]!r:>{w}}"`` reads as
    ``(  x["k"],    w ,)``; everything else turns to spaces of the same UTF-8 length, line
    breaks kept. :func:`_restore_fstrings` makes those tuples ``JoinedStr`` nodes again.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.out = list(text)
        #: Offsets of the ``(`` that stand for f-strings.
        self.tuples: list[int] = []

    def logical_line(self) -> int:
        """The offset of the line break that ends the logical line starting the text."""
        return self._code(0, field=False)

    def _code(self, at: int, field: bool) -> int:
        """Code from ``at`` to the end of its logical line, or (``field``) to the end of a
        replacement field's expression: the offset of what ends it."""
        text, size = self.text, len(self.text)
        depth = 0
        while at < size:
            char = text[at]
            if char == "#":
                while at < size and text[at] not in "\r\n":
                    at += 1
                continue
            if char == "\\" and text[at + 1 : at + 2] in ("\r", "\n"):
                at += 2
                continue
            if char in "\r\n":
                if depth == 0 and not field:
                    return at
                at += 1
                continue
            if char in "'\"":
                at = self._group(at, depth > 0 or field)
                continue
            if char.isalnum() or char == "_":
                end = at
                while end < size and (text[end].isalnum() or text[end] == "_"):
                    end += 1
                if end < size and text[end] in "'\"" and end - at <= 2 and all(
                    letter in _PREFIX_LETTERS for letter in text[at:end]
                ):
                    at = self._group(at, depth > 0 or field)
                else:
                    at = end
                continue
            if char in "([{":
                depth += 1
            elif char in ")]}":
                if depth == 0:
                    if field and char == "}":
                        return at
                    raise _Unreadable
                depth -= 1
            elif field and depth == 0:
                following = text[at + 1 : at + 2]
                if char == "!" and following != "=":
                    return at
                if char == ":":
                    return at
                if char == "=" and following != "=" and text[at - 1 : at] not in "=!<>":
                    after = at + 1
                    while after < size and text[after] in " \t":
                        after += 1
                    if text[after : after + 1] in ("}", "!", ":"):
                        return at  # ``{x=}``: the text and the value
            at += 1
        if field or depth:
            raise _Unreadable  # unclosed: not a statement of its own
        return size

    def _literal(self, at: int) -> tuple[int, int, str, str]:
        """The prefix end, body start, quote and lowercased prefix of the literal at ``at``."""
        text = self.text
        end = at
        while text[end] in _PREFIX_LETTERS:
            end += 1
        quote = text[end : end + 3] if text[end : end + 3] in ("'''", '"""') else text[end]
        return end, end + len(quote), quote, text[at:end].lower()

    def _group(self, at: int, multiline: bool) -> int:
        """Adjacent string literals from ``at``, rewritten if one is an f-string; returns the
        offset after the last one."""
        text, size = self.text, len(self.text)
        start = at
        fields: list[tuple[int, int]] = []
        formatted = False
        end = at
        while True:
            _, body, quote, prefix = self._literal(at)
            if "f" in prefix or "t" in prefix:
                formatted = True
                end = self._formatted(body, quote, fields)
            else:
                end = self._plain(body, quote)
            following = end
            while following < size:
                char = text[following]
                if char in " \t\f" or (multiline and char in "\r\n"):
                    following += 1
                elif char == "\\" and text[following + 1 : following + 2] in ("\r", "\n"):
                    following += 2
                else:
                    break
            word = following
            while word < size and text[word] in _PREFIX_LETTERS and word - following < 2:
                word += 1
            if following < size and word < size and text[word] in "'\"" and (
                word == following or text[following - 1 : following] != "_"
            ):
                at = following
                continue
            break
        if formatted:
            self._rewrite(start, end, fields)
        return end

    def _plain(self, at: int, quote: str) -> int:
        text, size = self.text, len(self.text)
        while at < size:
            if text.startswith(quote, at):
                return at + len(quote)
            char = text[at]
            if char in "\r\n" and len(quote) == 1:
                raise _Unreadable
            at += 2 if char == "\\" else 1
        raise _Unreadable

    def _formatted(self, at: int, quote: str, fields: list[tuple[int, int]]) -> int:
        """The body of an f-string from ``at``: its fields' expressions go to ``fields``."""
        text, size = self.text, len(self.text)
        while at < size:
            if text.startswith(quote, at):
                return at + len(quote)
            char = text[at]
            if char in "\r\n" and len(quote) == 1:
                raise _Unreadable
            if char == "\\" or (char in "{}" and text[at + 1 : at + 2] == char):
                at += 2  # an escape, or a doubled brace
            elif char == "{":
                at = self._field(at, quote, fields)
            else:
                at += 1
        raise _Unreadable

    def _field(self, at: int, quote: str, fields: list[tuple[int, int]]) -> int:
        """A replacement field from its ``{``; returns the offset after its ``}``."""
        text, size = self.text, len(self.text)
        end = self._code(at + 1, field=True)
        if not text[at + 1 : end].strip():
            raise _Unreadable
        fields.append((at + 1, end))
        at = end
        if text[at] == "=":
            at += 1
            while at < size and text[at] in " \t":
                at += 1
        if text[at : at + 1] == "!":
            at += 2
        if text[at : at + 1] == ":":
            at += 1
            while at < size and text[at] != "}":
                if text.startswith(quote, at) or (text[at] in "\r\n" and len(quote) == 1):
                    raise _Unreadable
                if text[at] == "{":
                    at = self._field(at, quote, fields)
                else:
                    at += 2 if text[at] == "\\" else 1
        if text[at : at + 1] != "}":
            raise _Unreadable
        return at + 1

    def _rewrite(self, start: int, end: int, fields: list[tuple[int, int]]) -> None:
        """Literals ``start..end`` as a tuple of the expressions of ``fields``."""
        out, text = self.out, self.text
        kept = bytearray(end - start)
        for first, last in fields:
            kept[first - start : last - start] = b"\x01" * (last - first)
        for offset in range(start, end):
            char = text[offset]
            if not kept[offset - start] and char not in "\r\n":
                out[offset] = " " * len(char.encode("utf-8", "surrogatepass"))
        out[start] = "("
        out[end - 1] = ")"
        for _, last in fields:
            offset = last
            while kept[offset - start] or text[offset] in "\r\n":
                offset += 1
            if offset < end - 1:
                out[offset] = ","
        self.tuples.append(start)


class _RestoreFStrings(ast.NodeTransformer):
    """The tuples that stand for f-strings, as ``JoinedStr`` nodes of their expressions."""

    def __init__(self, positions: set[tuple[int, int]]) -> None:
        self.positions = positions

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        self.generic_visit(node)
        if (node.lineno, node.col_offset) not in self.positions:
            return node
        values: list[ast.expr] = []
        for element in node.elts:
            value = ast.FormattedValue(value=element, conversion=-1, format_spec=None)
            values.append(ast.copy_location(value, element))
        return ast.copy_location(ast.JoinedStr(values=values), node)


def _restore_fstrings(body: list[ast.stmt], positions: set[tuple[int, int]]) -> None:
    lines = sorted({line for line, _ in positions})
    restore = _RestoreFStrings(positions)
    for statement in body:
        index = bisect_left(lines, statement.lineno)
        if index < len(lines) and lines[index] <= (statement.end_lineno or statement.lineno):
            restore.visit(statement)
