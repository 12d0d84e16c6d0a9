"""Per-sink results reused across versions of one document: what keeps an edit cheap.

Analysing a sink costs a handful of jedi inferences, ~10 ms each on a 1,000-line file and
~100 ms on a 10,000-line one; re-inferring every sink on every keystroke cannot keep up. So an
:class:`AnalysisMemo` keeps, per candidate call, the :class:`SinkReport` of the last analysis
with the text of every top-level statement it depended on
(:mod:`mp_lsp.engine.dependencies`). On the next version, a call whose statements are all
unchanged gets its report back, moved to its new lines; only the others go to jedi.

Whatever the memo cannot vouch for is dropped and recomputed: another file changed (jedi may
have read it), the settings or the module's ``set_start_method`` changed, or the analysis of a
call reached its bound of inference steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from mp_lsp.engine.dependencies import ModuleUnits, Unit, UnitNames
from mp_lsp.engine.options import Settings
from mp_lsp.engine.project import Project
from mp_lsp.engine.reports import LineMove, SinkReport
from mp_lsp.engine.scan import Candidate
from mp_lsp.engine.syntax import ModuleSyntax

#: A candidate call by its statement's text and its place in it, which survive line shifts.
_Key = tuple[str, int, int, int, int, Optional[str]]
#: Analyses a report is kept for after its call was last seen: an undo brings it back.
KEEP_UNSEEN_FOR = 8
#: Reports kept per call, for different versions of its dependencies (edit, then undo).
VERSIONS_PER_CALL = 3


@dataclass(frozen=True)
class _Entry:
    report: Optional[SinkReport]  # None: the call is not a sink
    #: The settings and the start method the module fixes, when it was made.
    state: tuple[object, ...]
    #: Functions whose callers were read (their call sites bound a parameter).
    called: frozenset[str]
    #: The text of each statement it depended on, in module order, and where each was.
    texts: tuple[str, ...]
    lines: tuple[tuple[int, int], ...]


class AnalysisMemo:
    """What the analyses of one document found, to reuse for its next versions.

    Not thread-safe: one memo belongs to one document and is used on the engine thread.
    """

    def __init__(self) -> None:
        #: Per call, its reports for the latest versions of its dependencies, newest first.
        self._entries: dict[_Key, list[_Entry]] = {}
        #: The analysis count when each entry was last used.
        self._seen: dict[_Key, int] = {}
        self._analyses = 0
        self._project: Optional[Project] = None
        self._state: tuple[object, ...] = ()
        self._revision = 0
        self._names: dict[str, UnitNames] = {}
        self._parsed: Optional[tuple[ModuleSyntax, ModuleUnits]] = None
        #: How many calls the last analysis reused and computed (the server's trace says).
        self.reused = 0
        self.computed = 0

    def units(self, module: ModuleSyntax) -> ModuleUnits:
        """The module's top-level statements; those seen before are not walked again."""
        if self._parsed is not None and self._parsed[0] is module:
            return self._parsed[1]
        if len(self._names) > 4 * len(module.tree.body) + 64:
            self._names = {}  # statements long gone: start over rather than grow
        units = ModuleUnits(module, self._names)
        self._parsed = (module, units)
        return units

    def parsed(self, source: str) -> Optional[ModuleSyntax]:
        """The module last analysed, if ``source`` is its text (a hover after an analysis)."""
        if self._parsed is not None and self._parsed[0].source == source:
            return self._parsed[0]
        return None

    def begin(self, project: Project, module: ModuleSyntax, settings: Settings) -> None:
        """Start using the memo for a version of the document: forget what it cannot vouch for."""
        if project is not self._project or project.changed_since(self._revision, module.path):
            self._entries.clear()
            self._seen.clear()
        self._project = project
        self._state = (settings, module.fixed_start_method)
        self._revision = project.revision
        self.reused = self.computed = 0

    def finish(self) -> None:
        """After a whole-file analysis: forget the calls not seen for a while."""
        self._analyses += 1
        oldest = self._analyses - KEEP_UNSEEN_FOR
        gone = [key for key, seen in self._seen.items() if seen < oldest]
        for key in gone:
            del self._seen[key]
            self._entries.pop(key, None)

    def recall(
        self, module: ModuleSyntax, candidate: Candidate
    ) -> tuple[bool, Optional[SinkReport]]:
        """``(True, report)`` when the call's earlier report still holds, moved to its lines."""
        units = self.units(module)
        found = _keyed(units, candidate)
        if found is None:
            return False, None
        key, unit = found
        entries = self._entries.get(key, [])
        match = self._match(entries, units, unit)
        if match is None:
            return False, None
        position, closure = match
        entry = entries.pop(position)
        entries.insert(0, entry)  # the most recently used goes first
        self._seen[key] = self._analyses
        self.reused += 1
        if entry.report is None:
            return True, None
        lines = tuple((u.start, u.end) for u in closure)
        if lines == entry.lines:
            return True, entry.report
        return True, entry.report.moved(_mover(entry.lines, lines))

    def _match(
        self, entries: list[_Entry], units: ModuleUnits, unit: Unit
    ) -> Optional[tuple[int, list[Unit]]]:
        """The entry whose dependencies read as they do now, and those dependencies."""
        for position, entry in enumerate(entries):
            if entry.state != self._state:
                continue
            closure = [units.units[index] for index in units.closure(unit, entry.called)]
            if tuple(u.text for u in closure) == entry.texts:
                return position, closure
        return None

    def store(
        self,
        module: ModuleSyntax,
        candidate: Candidate,
        report: Optional[SinkReport],
        called: frozenset[str],
    ) -> None:
        units = self.units(module)
        self.computed += 1
        found = _keyed(units, candidate)
        if found is None:
            return
        key, unit = found
        closure = [units.units[index] for index in units.closure(unit, called)]
        lines = tuple((u.start, u.end) for u in closure)
        if report is not None and not all(
            any(start <= line <= end for start, end in lines) for line in report.lines()
        ):
            return  # it points at a statement outside its inputs: it could not be moved
        entry = _Entry(report, self._state, called, tuple(u.text for u in closure), lines)
        same = (entry.texts, entry.state)
        known = [e for e in self._entries.get(key, ()) if (e.texts, e.state) != same]
        self._entries[key] = [entry, *known[: VERSIONS_PER_CALL - 1]]
        self._seen[key] = self._analyses


def _keyed(units: ModuleUnits, candidate: Candidate) -> Optional[tuple[_Key, Unit]]:
    node = candidate.node
    line: int = node.lineno  # type: ignore[attr-defined]
    unit = units.unit_at(line)
    if unit is None:
        return None
    end_line: int = getattr(node, "end_lineno", None) or line
    key = (unit.text, line - unit.start, getattr(node, "col_offset", 0), end_line - unit.start,
           getattr(node, "end_col_offset", 0) or 0, candidate.method)
    return key, unit


def _mover(old: tuple[tuple[int, int], ...], new: tuple[tuple[int, int], ...]) -> LineMove:
    """Maps a line inside one of the ``old`` statements to the same line of its ``new`` place."""

    def move(line: int) -> int:
        for (start, end), (new_start, _) in zip(old, new):
            if start <= line <= end:
                return new_start + line - start
        return line  # store() keeps only reports whose lines are all inside

    return move

