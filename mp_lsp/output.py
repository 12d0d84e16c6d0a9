"""Render findings for people and for tools.

The formats copy what ruff does wherever ruff has a convention (``path:line:col: CODE message``,
the JSON field names, the summary line), so scripts, problem matchers and habits written for ruff
keep working. Columns are 1-based in every format, as editors and CI annotations count them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import quote

from mp_lsp import __version__
from mp_lsp.engine.findings import Finding, Location, Severity, Span, StartMethod, rule_url
from mp_lsp.engine.notebook import CellMap
from mp_lsp.engine.rules import RULES

INFORMATION_URI = "https://github.com/mp-lsp/mp-lsp"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: SARIF's name for the root that relative artifact URIs are resolved against.
SARIF_SRCROOT = "%SRCROOT%"

#: The cell maps of the checked notebooks, by absolute path: their positions are shown by cell
#: (``notebook.ipynb:cell 3:2:5``), the cell counted from 1 among all the notebook's cells and
#: the line from 1 in that cell.
Notebooks = Mapping[str, CellMap]
_NO_NOTEBOOKS: Notebooks = {}


def _in_cell(location: Location, notebooks: Notebooks) -> tuple[Optional[int], Span]:
    """The 1-based cell number and the span in that cell of a notebook location; for any
    other file ``None`` and the span as it is."""
    cells = notebooks.get(os.path.abspath(location.path)) if notebooks else None
    span = location.span
    start = cells.locate(span.line, span.column) if cells is not None else None
    if cells is None or start is None:
        return None, span
    end = cells.locate(span.end_line, span.end_column)
    end_line, end_column = (end.line, end.column) if end and end.cell == start.cell else (
        start.line, span.end_column if span.end_line == span.line else start.column
    )
    return start.cell + 1, Span(start.line, start.column, end_line, end_column)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order: by file, line, column, then code (for a stable output)."""
    return sorted(
        findings,
        key=lambda finding: (finding.path, finding.span.line, finding.span.column, finding.code),
    )


def _absolute(path: str, root: Path) -> Path:
    """``path`` as an absolute path; relative paths are taken to be relative to ``root``."""
    return Path(os.path.abspath(os.path.join(root, path)))


def _relative(path: str, root: Path) -> Optional[Path]:
    """``path`` relative to ``root``, or ``None`` when it lies outside ``root``."""
    try:
        return _absolute(path, root).relative_to(os.path.abspath(root))
    except ValueError:
        return None


def display_path(path: str, root: Path) -> str:
    """The path a person reads: relative to ``root`` when inside it, else absolute."""
    relative = _relative(path, root)
    return str(relative if relative is not None else _absolute(path, root))


def _method_names(methods: Iterable[StartMethod]) -> list[str]:
    """Start method names in the order multiprocessing documents them (spawn, fork, forkserver)."""
    return [method.value for method in StartMethod if method in set(methods)]


def _note(finding: Finding) -> str:
    return f"fails under {', '.join(_method_names(finding.start_methods))}"


def _chain_text(finding: Finding) -> str:
    return " -> ".join(link.label for link in finding.chain)


def _position(location: Location, root: Path, notebooks: Notebooks = _NO_NOTEBOOKS) -> str:
    cell, span = _in_cell(location, notebooks)
    where = f"cell {cell}:" if cell is not None else ""
    return f"{display_path(location.path, root)}:{where}{span.line}:{span.column + 1}"


def _same_line(first: Location, second: Location) -> bool:
    return (first.path, first.span.line) == (second.path, second.span.line)


def format_text(
    findings: Sequence[Finding],
    root: Path,
    *,
    summary: bool = True,
    notebooks: Notebooks = _NO_NOTEBOOKS,
) -> str:
    """Ruff's concise format, each finding followed by its chain, start methods and rule page."""
    lines: list[str] = []
    for finding in sort_findings(findings):
        location = Location(finding.path, finding.span)
        lines.append(f"{_position(location, root, notebooks)}: {finding.code} {finding.message}")
        if finding.chain:
            lines.append(f"    {_chain_text(finding)}")
        culprit = finding.culprit
        # Only worth a line when it points elsewhere than the finding itself.
        if culprit is not None and not _same_line(culprit, location):
            lines.append(f"    = defined at: {_position(culprit, root, notebooks)}")
        lines.append(f"    = note: {_note(finding)}")
        lines.append(f"    = help: {finding.url}")
    if summary:
        count = len(findings)
        if count == 0:
            lines.append("All checks passed!")
        else:
            lines.append(f"Found {count} problem{'s' if count != 1 else ''}.")
    return "".join(f"{line}\n" for line in lines)


def _json_location(location: Location, root: Path, notebooks: Notebooks) -> dict[str, object]:
    cell, span = _in_cell(location, notebooks)
    return {
        "filename": str(_absolute(location.path, root)),
        **({"cell": cell} if cell is not None else {}),
        "row": span.line,
        "column": span.column + 1,
    }


def _json_finding(finding: Finding, root: Path, notebooks: Notebooks) -> dict[str, object]:
    cell, span = _in_cell(Location(finding.path, finding.span), notebooks)
    chain: list[dict[str, object]] = []
    for link in finding.chain:
        entry: dict[str, object] = {"label": link.label}
        if link.location is not None:
            link_cell, link_span = _in_cell(link.location, notebooks)
            entry["filename"] = str(_absolute(link.location.path, root))
            if link_cell is not None:
                entry["cell"] = link_cell
            entry["row"] = link_span.line
        chain.append(entry)
    return {
        "code": finding.code,
        "message": finding.message,
        "filename": str(_absolute(finding.path, root)),
        # A notebook's finding: its cell (1-based, among all cells), as ruff's "cell".
        **({"cell": cell} if cell is not None else {}),
        "location": {"row": span.line, "column": span.column + 1},
        "end_location": {"row": span.end_line, "column": span.end_column + 1},
        "url": finding.url,
        "severity": finding.severity.value,
        "start_methods": sorted(method.value for method in finding.start_methods),
        "chain": chain,
        "culprit": None if finding.culprit is None else _json_location(
            finding.culprit, root, notebooks
        ),
    }


def format_json(
    findings: Sequence[Finding], root: Path, notebooks: Notebooks = _NO_NOTEBOOKS
) -> str:
    """A JSON list with ruff's field names plus mp-lsp's own (severity, start methods, chain)."""
    found = [_json_finding(f, root, notebooks) for f in sort_findings(findings)]
    return json.dumps(found, indent=2) + "\n"


def _sarif_physical_location(
    location: Location, root: Path, notebooks: Notebooks = _NO_NOTEBOOKS
) -> dict[str, object]:
    """A SARIF physicalLocation; files outside ``root`` get an absolute ``file:`` URI.

    In a notebook the region is in its cell, named by the location's ``properties.cell``.
    """
    relative = _relative(location.path, root)
    if relative is None:
        artifact: dict[str, object] = {"uri": _absolute(location.path, root).as_uri()}
    else:
        artifact = {"uri": quote(relative.as_posix()), "uriBaseId": SARIF_SRCROOT}
    cell, span = _in_cell(location, notebooks)
    physical: dict[str, object] = {
        "artifactLocation": artifact,
        "region": {
            "startLine": span.line,
            "startColumn": span.column + 1,
            "endLine": span.end_line,
            "endColumn": span.end_column + 1,
        },
    }
    if cell is not None:
        physical["properties"] = {"cell": cell}
    return physical


_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning",
                 Severity.INFORMATION: "note", Severity.HINT: "note"}
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning",
                    Severity.INFORMATION: "notice", Severity.HINT: "notice"}


def _sarif_result(
    finding: Finding, root: Path, rule_index: dict[str, int], notebooks: Notebooks
) -> dict[str, object]:
    location = Location(finding.path, finding.span)
    text = finding.message
    if finding.chain:
        text += f" ({_chain_text(finding)})"
    result: dict[str, object] = {
        "ruleId": finding.code,
        "level": _SARIF_LEVELS[finding.severity],
        "message": {"text": f"{text}; {_note(finding)}"},
        "locations": [
            {"physicalLocation": _sarif_physical_location(location, root, notebooks)}
        ],
        "properties": {"startMethods": _method_names(finding.start_methods)},
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.culprit is not None:
        result["relatedLocations"] = [
            {
                "id": 0,
                "physicalLocation": _sarif_physical_location(finding.culprit, root, notebooks),
                "message": {"text": "the value that cannot be pickled is defined here"},
            }
        ]
    return result


def sarif_document(
    findings: Sequence[Finding], root: Path, notebooks: Notebooks = _NO_NOTEBOOKS
) -> dict[str, object]:
    """The SARIF 2.1.0 log as a dictionary (what :func:`format_sarif` serialises)."""
    rule_index = {code: index for index, code in enumerate(RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "helpUri": rule_url(rule.code),
        }
        for rule in RULES.values()
    ]
    root_uri = Path(os.path.abspath(root)).as_uri().rstrip("/") + "/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mp-lsp",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SARIF_SRCROOT: {"uri": root_uri}},
                # Span columns count code points, not SARIF's default UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": [
                    _sarif_result(finding, root, rule_index, notebooks)
                    for finding in sort_findings(findings)
                ],
            }
        ],
    }


def format_sarif(
    findings: Sequence[Finding], root: Path, notebooks: Notebooks = _NO_NOTEBOOKS
) -> str:
    """A SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers."""
    return json.dumps(sarif_document(findings, root, notebooks), indent=2) + "\n"


def _escape_data(text: str) -> str:
    """Escape a workflow command's message as the GitHub runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value (which also may not contain ``:`` or ``,``)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(
    findings: Sequence[Finding], root: Path, notebooks: Notebooks = _NO_NOTEBOOKS
) -> str:
    """GitHub Actions workflow commands, which show up as annotations on the changed lines.

    A notebook's finding annotates the file (its lines are the JSON's, not the cell's) and
    names its cell and position in the title.
    """
    lines: list[str] = []
    for finding in sort_findings(findings):
        cell, span = _in_cell(Location(finding.path, finding.span), notebooks)
        properties: dict[str, object] = {"file": Path(display_path(finding.path, root)).as_posix()}
        if cell is None:
            properties.update(
                line=span.line, col=span.column + 1,
                endLine=span.end_line, endColumn=span.end_column + 1,
            )
            properties["title"] = f"mp-lsp ({finding.code})"
        else:
            properties["title"] = (
                f"mp-lsp ({finding.code}) at cell {cell}:{span.line}:{span.column + 1}"
            )
        command = _GITHUB_COMMANDS[finding.severity]
        details = [finding.message]
        if finding.chain:
            details.append(_chain_text(finding))
        details.extend([_note(finding), finding.url])
        rendered = ",".join(f"{key}={_escape_property(str(v))}" for key, v in properties.items())
        message = _escape_data("\n".join(details))
        lines.append(f"::{command} {rendered}::{message}")
    return "".join(f"{line}\n" for line in lines)


#: ``formatter(findings, root, notebooks=...)``: ``notebooks`` holds the notebooks' cell maps.
Formatter = Callable[..., str]

#: The ``--output-format`` choices of the command line.
FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "sarif": format_sarif,
    "github": format_github,
}
