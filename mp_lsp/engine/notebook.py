"""A Jupyter notebook as one module: its code cells in order, and the way back to the cells.

In a notebook every code cell runs in the kernel's ``__main__``, one after the other, so the
engine reads the cells as one module (definitions of earlier cells are visible to later ones)
and says, with :attr:`ModuleSyntax.is_notebook`, that this module is a kernel's ``__main__``.

What is not Python is kept out without moving anything: each cell keeps its lines, and so its
line numbers and columns, in the module text.

- Markdown and raw cells, and cells in another language, add no lines.
- A cell whose first line is a cell magic (``%%bash``, ``%%writefile``...) is blanked whole,
  except the magics that run their body as Python in the kernel (:data:`PYTHON_CELL_MAGICS`,
  e.g. ``%%time``), where only the magic line is.
- IPython's line syntax — ``%magic``, ``!command``, ``x = !command``, ``obj?`` and ``?obj`` —
  is replaced by ``pass`` at the line's indentation (a statement, so a block that held it still
  parses); the rest of the cell stays.
- A cell that still does not parse (the user is typing, or it is not Python) is blanked, so
  the other cells are analysed all the same.

Pure: a list of cells in, the module text and a :class:`CellMap` out; no IPython needed.
"""

from __future__ import annotations

import ast
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from mp_lsp.engine.text import split_lines

#: The suffix of notebook files; a module whose path ends with it is a kernel's ``__main__``.
NOTEBOOK_SUFFIX = ".ipynb"

#: Cell magics that run their body as Python code in the kernel's namespace: the body is
#: analysed (the magic line itself is not Python). Every other cell magic (``%%bash``,
#: ``%%writefile``, ``%%html``, ``%%timeit``, whose body runs inside a function, ``%%python``,
#: which runs it in another interpreter...) blanks its cell.
PYTHON_CELL_MAGICS = frozenset({"time", "capture", "prun"})

#: What replaces a line of IPython syntax: a statement that does nothing, at its indentation.
_PLACEHOLDER = "pass"

_CELL_MAGIC = re.compile(r"^\s*%%(\w+)")
_ESCAPED = re.compile(r"^\s*(?:[%!?]|\w[\w.]*\s*=\s*[%!])")
_HELP_END = re.compile(r"^\s*[\w.()\[\]*]+\s*\?\??\s*$")


def is_notebook_path(path: str) -> bool:
    return path.endswith(NOTEBOOK_SUFFIX)


@dataclass(frozen=True)
class Cell:
    """One cell as the notebook holds it: its kind, its language and its text."""

    #: ``"code"``, ``"markdown"`` or ``"raw"``.
    kind: str
    source: str
    #: The cell's language (an LSP cell's language id; ``"python"`` in a Python notebook).
    language: str = "python"

    @property
    def is_python(self) -> bool:
        return self.kind == "code" and self.language == "python"


@dataclass(frozen=True)
class CellPosition:
    """A position in a notebook: the cell's index among all cells (0-based) and a 1-based line
    and 0-based column in that cell, as the engine counts in a file."""

    cell: int
    line: int
    column: int


@dataclass(frozen=True)
class CellLines:
    """Where one code cell's lines are in the module: its index and its first module line."""

    cell: int
    first_line: int
    line_count: int
    #: Why the cell's text is not analysed, if it is not (``"%%bash"``, ``"syntax error"``).
    skipped: Optional[str] = None


class CellMap:
    """Module lines to cells and back."""

    def __init__(self, cells: Iterable[CellLines]) -> None:
        self.cells = tuple(cells)
        self._starts = [entry.first_line for entry in self.cells]
        self._by_cell = {entry.cell: entry for entry in self.cells}

    def entry_of_line(self, line: int) -> Optional[CellLines]:
        """The cell holding 1-based module line ``line``."""
        at = bisect_right(self._starts, line) - 1
        if at < 0:
            return None
        entry = self.cells[at]
        return entry if line < entry.first_line + max(entry.line_count, 1) else None

    def locate(self, line: int, column: int) -> Optional[CellPosition]:
        """The cell position of a module position (``None`` outside every cell)."""
        entry = self.entry_of_line(line)
        if entry is None:
            # One past the last line of a cell (an edit's end): the end of that cell.
            entry = self.entry_of_line(line - 1)
            if entry is None:
                return None
            return CellPosition(entry.cell, line - entry.first_line + 1, column)
        return CellPosition(entry.cell, line - entry.first_line + 1, column)

    def module_line(self, cell: int, line: int) -> Optional[int]:
        """The 1-based module line of 1-based line ``line`` of cell ``cell``."""
        entry = self._by_cell.get(cell)
        if entry is None:
            return None
        return entry.first_line + line - 1

    def first_line_of(self, cell: int) -> Optional[int]:
        entry = self._by_cell.get(cell)
        return None if entry is None else entry.first_line

    def __contains__(self, cell: int) -> bool:
        return cell in self._by_cell


@dataclass(frozen=True)
class NotebookSource:
    """The module text of a notebook's code cells and the map back to the cells."""

    text: str
    cells: CellMap
    #: How many cells the notebook has (code or not), for numbering.
    cell_count: int


def _python_lines(lines: list[str]) -> tuple[list[str], Optional[str]]:
    """A code cell's lines with IPython syntax replaced, and why it is skipped (if it is)."""
    if not lines:
        return lines, None
    magic = _CELL_MAGIC.match(lines[0])
    if magic is not None:
        if magic.group(1) not in PYTHON_CELL_MAGICS:
            return [""] * len(lines), f"%%{magic.group(1)}"
        lines = ["", *lines[1:]]
    try:
        ast.parse("\n".join(lines))
        return lines, None
    except (SyntaxError, ValueError):
        pass
    starts = _statement_starts(lines)
    replaced = [
        _placeholder(text) if index in starts and _is_ipython_line(text) else text
        for index, text in enumerate(lines)
    ]
    try:
        ast.parse("\n".join(replaced))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return [""] * len(lines), "syntax error"
    return replaced, None


def _is_ipython_line(text: str) -> bool:
    code = _without_comment(text)
    return bool(_ESCAPED.match(code) or _HELP_END.match(code))


def _placeholder(text: str) -> str:
    indent = text[: len(text) - len(text.lstrip())]
    return indent + _PLACEHOLDER


def _without_comment(text: str) -> str:
    """The line before a ``#`` that is not in a string (single-line strings only)."""
    quote: Optional[str] = None
    index = 0
    while index < len(text):
        char = text[index]
        if quote is not None:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            return text[:index]
        index += 1
    return text


def _statement_starts(lines: list[str]) -> set[int]:
    """The indexes of lines that begin a statement: not inside brackets, a triple-quoted
    string or after a backslash continuation (where ``?`` or ``%`` mean Python)."""
    starts: set[int] = set()
    depth = 0
    triple: Optional[str] = None
    continued = False
    for number, text in enumerate(lines):
        if depth == 0 and triple is None and not continued:
            starts.add(number)
        continued = False
        index = 0
        quote: Optional[str] = None
        while index < len(text):
            char = text[index]
            if triple is not None:
                if text.startswith(triple, index):
                    index += 3
                    triple = None
                    continue
                if char == "\\":
                    index += 1
            elif quote is not None:
                if char == "\\":
                    index += 1
                elif char == quote:
                    quote = None
            elif text.startswith('"""', index) or text.startswith("'''", index):
                triple = text[index:index + 3]
                index += 3
                continue
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "([{":
                depth += 1
            elif char in ")]}":
                depth = max(depth - 1, 0)
            index += 1
        if triple is None and text.rstrip().endswith("\\") and "#" not in text:
            continued = True
    return starts


def notebook_source(cells: Iterable[Cell]) -> NotebookSource:
    """The module of a notebook's Python cells, in order, and where each cell's lines are."""
    pieces: list[str] = []
    entries: list[CellLines] = []
    line = 1
    count = 0
    for index, cell in enumerate(cells):
        count += 1
        if not cell.is_python:
            continue
        python, skipped = _python_lines(split_lines(cell.source))
        entries.append(CellLines(index, line, len(python), skipped))
        pieces.extend(python)
        line += len(python)
    text = "".join(f"{piece}\n" for piece in pieces)
    return NotebookSource(text, CellMap(entries), count)


# -- the .ipynb file format ------------------------------------------------------------------
class NotebookFormatError(ValueError):
    """The file is not a notebook in the JSON format Jupyter writes (nbformat 4)."""


def read_notebook(text: str) -> list[Cell]:
    """The cells of an ``.ipynb`` file's text (nbformat 4; nbformat 3's worksheets too).

    A notebook in another language than Python has no Python cells.
    """
    try:
        document: Any = json.loads(text)
    except ValueError as error:
        raise NotebookFormatError(f"not a notebook (invalid JSON: {error})") from None
    if not isinstance(document, dict):
        raise NotebookFormatError("not a notebook (the JSON is not an object)")
    raw_cells = document.get("cells")
    if raw_cells is None and isinstance(document.get("worksheets"), list):
        raw_cells = [c for sheet in document["worksheets"] for c in sheet.get("cells", [])]
    if not isinstance(raw_cells, list):
        raise NotebookFormatError("not a notebook (no list of cells)")
    language = _language(document.get("metadata"))
    cells: list[Cell] = []
    for raw in raw_cells:
        if not isinstance(raw, dict):
            raise NotebookFormatError("not a notebook (a cell is not an object)")
        source = raw.get("source", raw.get("input", ""))
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        cells.append(Cell(str(raw.get("cell_type", "code")), str(source), language))
    return cells


def _language(metadata: Any) -> str:
    """The notebook's language from its metadata (Python when it does not say)."""
    if not isinstance(metadata, dict):
        return "python"
    info = metadata.get("language_info")
    if isinstance(info, dict) and isinstance(info.get("name"), str):
        return info["name"].lower()
    spec = metadata.get("kernelspec")
    if isinstance(spec, dict) and isinstance(spec.get("language"), str):
        return spec["language"].lower()
    return "python"
