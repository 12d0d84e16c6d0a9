"""Every output format, checked against what its consumers (people, scripts, GitHub) need."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mp_lsp import __version__
from mp_lsp.engine.findings import (
    ChainLink,
    Finding,
    LinkKind,
    Location,
    Severity,
    Span,
    StartMethod,
    rule_url,
)
from mp_lsp.engine.rules import RULES
from mp_lsp.output import (
    FORMATTERS,
    display_path,
    format_github,
    format_json,
    format_sarif,
    format_text,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path


def _findings(root: Path) -> list[Finding]:
    main = str(root / "pkg" / "main.py")
    jobs = str(root / "pkg" / "jobs.py")
    return [
        Finding(
            code="MP006",
            message="`job` cannot be pickled: it holds a sqlite3.Connection",
            path=main,
            span=Span(12, 20, 12, 23),
            severity=Severity.ERROR,
            start_methods=frozenset(StartMethod),
            chain=(
                ChainLink(LinkKind.ARGUMENT, "job", Location(main, Span(10, 4, 10, 7))),
                ChainLink(LinkKind.ATTRIBUTE, "conn", Location(jobs, Span(3, 8, 3, 17))),
                ChainLink(LinkKind.TYPE, "sqlite3.Connection"),
            ),
            culprit=Location(jobs, Span(3, 8, 3, 17)),
            sink="Pool.map",
        ),
        Finding(
            code="MP001",
            message="a lambda is sent to another process",
            path=main,
            span=Span(4, 9, 4, 25),
            severity=Severity.WARNING,
            start_methods=frozenset({StartMethod.SPAWN, StartMethod.FORKSERVER}),
        ),
    ]


def test_text_format(root: Path) -> None:
    path = Path("pkg") / "main.py"
    jobs = Path("pkg") / "jobs.py"
    assert format_text(_findings(root), root) == (
        f"{path}:4:10: MP001 a lambda is sent to another process\n"
        "    = note: fails under spawn, forkserver\n"
        f"    = help: {rule_url('MP001')}\n"
        f"{path}:12:21: MP006 `job` cannot be pickled: it holds a sqlite3.Connection\n"
        "    job -> .conn -> sqlite3.Connection\n"
        f"    = defined at: {jobs}:3:9\n"
        "    = note: fails under spawn, fork, forkserver\n"
        f"    = help: {rule_url('MP006')}\n"
        "Found 2 problems.\n"
    )


def test_text_summary(root: Path) -> None:
    assert format_text([], root) == "All checks passed!\n"
    assert format_text([], root, summary=False) == ""
    assert format_text(_findings(root)[1:], root).endswith("\nFound 1 problem.\n")


def test_text_omits_a_culprit_on_the_finding_line(root: Path) -> None:
    finding = _findings(root)[1]
    here = replace(finding, culprit=Location(finding.path, Span(4, 12, 4, 20)))
    assert "defined at" not in format_text([here], root)


def test_display_path_outside_root(root: Path) -> None:
    outside = root.parent / "elsewhere.py"
    assert display_path(str(outside), root) == str(outside)
    assert display_path(str(root / "a.py"), root) == "a.py"


def test_json_round_trip(root: Path) -> None:
    findings = _findings(root)
    loaded = json.loads(format_json(findings, root))
    assert [item["code"] for item in loaded] == ["MP001", "MP006"]
    lam, job = loaded
    assert lam == {
        "code": "MP001",
        "message": "a lambda is sent to another process",
        "filename": str(root / "pkg" / "main.py"),
        "location": {"row": 4, "column": 10},
        "end_location": {"row": 4, "column": 26},
        "url": rule_url("MP001"),
        "severity": "warning",
        "start_methods": ["forkserver", "spawn"],
        "chain": [],
        "culprit": None,
    }
    assert job["severity"] == "error"
    assert job["start_methods"] == ["fork", "forkserver", "spawn"]
    assert job["chain"] == [
        {"label": "job", "filename": str(root / "pkg" / "main.py"), "row": 10},
        {"label": ".conn", "filename": str(root / "pkg" / "jobs.py"), "row": 3},
        {"label": "sqlite3.Connection"},
    ]
    assert job["culprit"] == {"filename": str(root / "pkg" / "jobs.py"), "row": 3, "column": 9}
    # Everything a finding says survives the trip, so scripts can rebuild it.
    original = findings[0]
    assert (job["message"], job["location"]["row"], job["end_location"]["column"]) == (
        original.message,
        original.span.line,
        original.span.end_column + 1,
    )


def test_json_empty(root: Path) -> None:
    assert json.loads(format_json([], root)) == []


def _require(mapping: object, *keys: str) -> None:
    assert isinstance(mapping, dict)
    missing = [key for key in keys if key not in mapping]
    assert not missing, f"missing {missing} in {mapping}"


def test_sarif_structure(root: Path) -> None:
    log = json.loads(format_sarif(_findings(root), root))
    _require(log, "$schema", "version", "runs")
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    _require(run, "tool", "results")
    driver = run["tool"]["driver"]
    _require(driver, "name", "version", "informationUri", "rules")
    assert (driver["name"], driver["version"]) == ("mp-lsp", __version__)
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        _require(rule, "id", "shortDescription", "helpUri")
        assert rule["helpUri"] == rule_url(rule["id"])
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.as_uri() + "/"

    lam, job = run["results"]
    for result in (lam, job):
        _require(result, "ruleId", "level", "message", "locations")
        _require(result["message"], "text")
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        physical = result["locations"][0]["physicalLocation"]
        _require(physical, "artifactLocation", "region")
        assert physical["artifactLocation"] == {"uri": "pkg/main.py", "uriBaseId": "%SRCROOT%"}
    assert (lam["ruleId"], lam["level"]) == ("MP001", "warning")
    assert lam["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 4,
        "startColumn": 10,
        "endLine": 4,
        "endColumn": 26,
    }
    assert "relatedLocations" not in lam
    assert (job["ruleId"], job["level"]) == ("MP006", "error")
    (related,) = job["relatedLocations"]
    _require(related, "physicalLocation", "message")
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "pkg/jobs.py"
    assert related["physicalLocation"]["region"]["startColumn"] == 9
    assert "job -> .conn -> sqlite3.Connection" in job["message"]["text"]


def test_sarif_uris_are_escaped_and_outside_files_absolute(root: Path) -> None:
    finding = _findings(root)[1]
    spaced = replace(finding, path=str(root / "my dir" / "a#b.py"))
    outside = replace(finding, path=str(root.parent / "x.py"))
    results = json.loads(format_sarif([spaced, outside], root))["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"my%20dir/a%23b.py", (root.parent / "x.py").as_uri()}


def test_github_format(root: Path) -> None:
    lines = format_github(_findings(root), root).splitlines()
    assert lines == [
        "::warning file=pkg/main.py,line=4,col=10,endLine=4,endColumn=26,title=mp-lsp (MP001)"
        "::a lambda is sent to another process%0Afails under spawn, forkserver"
        f"%0A{rule_url('MP001')}",
        "::error file=pkg/main.py,line=12,col=21,endLine=12,endColumn=24,title=mp-lsp (MP006)"
        "::`job` cannot be pickled: it holds a sqlite3.Connection"
        "%0Ajob -> .conn -> sqlite3.Connection%0Afails under spawn, fork, forkserver"
        f"%0A{rule_url('MP006')}",
    ]


def test_github_escaping(root: Path) -> None:
    finding = _findings(root)[1]
    odd = replace(finding, path=str(root / "a,b:c.py"), message="100% bad\r\nreally")
    (line,) = format_github([odd], root).splitlines()
    assert line.startswith("::warning file=a%2Cb%3Ac.py,line=4,")
    assert "::100%25 bad%0D%0Areally%0A" in line


def test_every_format_is_registered(root: Path) -> None:
    assert set(FORMATTERS) == {"text", "json", "sarif", "github"}
    for formatter in FORMATTERS.values():
        assert formatter(_findings(root), root).endswith("\n")
