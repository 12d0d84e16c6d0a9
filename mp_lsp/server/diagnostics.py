"""Findings as LSP diagnostics.

Everything an editor can show or act on goes into the diagnostic itself, so that a client never
has to ask the server again: the rule code with a link to its documentation, the culprit as
related information (it is often in another file: the class whose ``__init__`` creates a lock),
and in ``data`` the start methods under which the value fails and the chain from the sent value
to the part that cannot be pickled (quick fixes and hovers read these).
"""

from __future__ import annotations

import os
from typing import Callable, Optional

from lsprotocol import types
from pygls.uris import from_fs_path

from mp_lsp.engine.findings import Finding, Location, Severity, Span, StartMethod
from mp_lsp.server.positions import Encoding, LineIndex

SOURCE = "mp-lsp"

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}

#: The line index of a file other than the analysed document, ``None`` if it cannot be read.
LinesOf = Callable[[str], Optional[LineIndex]]


def bound_diagnostic(error: str) -> types.Diagnostic:
    """An information diagnostic on the first line: the analysis stopped at its bound of
    inference steps, so the file may have more findings than are shown."""
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"mp-lsp: {error}",
        severity=types.DiagnosticSeverity.Information,
        source="mp-lsp",
    )


def to_range(span: Span, lines: Optional[LineIndex], encoding: Encoding) -> types.Range:
    """Convert a span (1-based lines, code-point columns) to an LSP range in client units.

    Without the file's text the columns cannot be converted and are sent as they are, which is
    exact for ASCII lines and close enough elsewhere for a link to the culprit.
    """
    if lines is None:
        return types.Range(
            start=types.Position(line=max(span.line - 1, 0), character=max(span.column, 0)),
            end=types.Position(
                line=max(span.end_line - 1, 0), character=max(span.end_column, 0)
            ),
        )
    start = lines.to_units(span.line - 1, span.column, encoding)
    end = max(start, lines.to_units(span.end_line - 1, span.end_column, encoding))
    return types.Range(
        start=types.Position(line=start[0], character=start[1]),
        end=types.Position(line=end[0], character=end[1]),
    )


def _related(
    finding: Finding, own_path: str, lines: LineIndex, lines_of: LinesOf, encoding: Encoding
) -> list[types.DiagnosticRelatedInformation]:
    """The culprit and the located steps of the chain, except the very range being reported.

    The culprit is where the bad value comes from; when the engine names none, the chain's
    steps still say where, e.g. the ``self.lock = threading.Lock()`` line in another file.
    """
    places: list[tuple[Location, str]] = []
    if finding.culprit is not None:
        places.append((finding.culprit, "defined here"))
    places.extend(
        (link.location, f"`{link.label}` is defined here")
        for link in finding.chain
        if link.location is not None
    )
    related = []
    seen = {(own_path, finding.span)}
    for location, message in places:
        path = os.path.abspath(location.path)
        if (path, location.span) in seen:
            continue
        seen.add((path, location.span))
        location_lines = lines if path == own_path else lines_of(path)
        related.append(
            types.DiagnosticRelatedInformation(
                location=types.Location(
                    uri=from_fs_path(path) or path,
                    range=to_range(location.span, location_lines, encoding),
                ),
                message=message,
            )
        )
    return related


def _start_methods(methods: frozenset[StartMethod]) -> list[str]:
    order = list(StartMethod)
    return [method.value for method in sorted(methods, key=order.index)]


def to_diagnostic(
    finding: Finding,
    path: str,
    lines: LineIndex,
    lines_of: LinesOf,
    encoding: Encoding,
) -> types.Diagnostic:
    """One finding of the document at ``path`` (whose text ``lines`` indexes) as a diagnostic."""
    related = _related(finding, path, lines, lines_of, encoding)
    return types.Diagnostic(
        range=to_range(finding.span, lines, encoding),
        message=finding.message,
        severity=_SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=finding.url),
        source=SOURCE,
        related_information=related or None,
        data={
            "code": finding.code,
            "start_methods": _start_methods(finding.start_methods),
            "chain": [link.label for link in finding.chain],
        },
    )
