"""``mp-lsp check`` on a folder with notebooks, with the real engine: positions by cell in every
output format, ``# noqa`` in cells, ``include``/``exclude``, and broken notebooks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mp_lsp.cli import main

DEFINITION = "def square(x):\n    return x * x\n"
SINK = (
    "!pip --version\n"
    "with multiprocessing.Pool() as pool:\n"
    "    print(pool.map(square, range(4)))\n"
    "    print(pool.map(square, range(4)))  # noqa: MP010\n"
)


def write_notebook(path: Path, cells: list[tuple[str, str]]) -> Path:
    document = {
        "cells": [
            {
                "cell_type": kind, "metadata": {},
                "source": text.splitlines(keepends=True),
                **({"execution_count": None, "outputs": []} if kind == "code" else {}),
            }
            for kind, text in cells
        ],
        "metadata": {"kernelspec": {"name": "python3", "language": "python",
                                    "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(document, indent=1))
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a notebook (one MP010 in cell 4, one suppressed), a script and a helper."""
    write_notebook(tmp_path / "analysis.ipynb", [
        ("markdown", "# Squares"),
        ("code", "%load_ext autoreload\nimport multiprocessing"),
        ("code", DEFINITION),
        ("code", SINK),
    ])
    (tmp_path / "script.py").write_text(
        "import multiprocessing\n\n\nif __name__ == '__main__':\n"
        "    with multiprocessing.Pool() as pool:\n        pool.map(lambda x: x, [1])\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_names_the_cell_like_ruff(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--jobs", "1", "."]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    [notebook_line] = [line for line in lines if line.startswith("analysis.ipynb")]
    assert notebook_line.startswith("analysis.ipynb:cell 4:3:20: MP010 `square` is a function")
    assert "spawn and forkserver children cannot find" in notebook_line
    assert "    = defined at: analysis.ipynb:cell 3:1:1" in lines
    assert "    = note: fails under spawn, forkserver" in lines
    assert any(line.startswith("script.py:6:18: MP001") for line in lines)
    assert lines[-1] == "Found 2 problems."


def test_json_has_the_cell_and_cell_positions(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--jobs", "1", "--output-format", "json", "."]) == 1
    found = {entry["code"]: entry for entry in json.loads(capsys.readouterr().out)}
    notebook = found["MP010"]
    assert notebook["filename"] == str(project / "analysis.ipynb")
    assert notebook["cell"] == 4
    assert notebook["location"] == {"row": 3, "column": 20}
    assert notebook["end_location"] == {"row": 3, "column": 26}
    assert notebook["culprit"] == {
        "filename": str(project / "analysis.ipynb"), "cell": 3, "row": 1, "column": 1,
    }
    assert "cell" not in found["MP001"]


def test_sarif_regions_are_in_the_cell(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--jobs", "1", "--output-format", "sarif", "."]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    [notebook] = [r for r in results if r["ruleId"] == "MP010"]
    location = notebook["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "analysis.ipynb"
    assert location["region"] == {"startLine": 3, "startColumn": 20, "endLine": 3,
                                  "endColumn": 26}
    assert location["properties"] == {"cell": 4}
    related = notebook["relatedLocations"][0]["physicalLocation"]
    assert related["properties"] == {"cell": 3} and related["region"]["startLine"] == 1
    [script] = [r for r in results if r["ruleId"] == "MP001"]
    assert "properties" not in script["locations"][0]["physicalLocation"]


def test_github_annotates_the_notebook_file_naming_the_cell(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--jobs", "1", "--output-format", "github", "."]) == 1
    lines = capsys.readouterr().out.splitlines()
    [notebook] = [line for line in lines if "analysis.ipynb" in line]
    assert notebook.startswith(
        "::warning file=analysis.ipynb,title=mp-lsp (MP010) at cell 4%3A3%3A20::"
    )
    assert "line=" not in notebook.split("::")[1]
    [script] = [line for line in lines if "script.py" in line]
    assert "line=6" in script


def test_include_and_exclude_cover_notebooks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.mp-lsp]\ninclude = ["*.py"]\n')
    assert main(["check", "--jobs", "1", "-q", "."]) == 1
    assert "analysis.ipynb" not in capsys.readouterr().out
    # Named on the command line, a notebook is checked whatever `include` says (as in ruff).
    assert main(["check", "--jobs", "1", "-q", "analysis.ipynb"]) == 1
    assert "analysis.ipynb:cell 4" in capsys.readouterr().out

    (project / "pyproject.toml").write_text('[tool.mp-lsp]\nexclude = ["*.ipynb"]\n')
    assert main(["check", "--jobs", "1", "-q", "."]) == 1
    assert "analysis.ipynb" not in capsys.readouterr().out
    (project / "pyproject.toml").write_text('[tool.mp-lsp]\ninclude = ["*.ipynb"]\n')
    assert main(["check", "--jobs", "1", "-q", "."]) == 1
    out = capsys.readouterr().out
    assert "analysis.ipynb:cell 4" in out and "script.py" not in out


def test_in_worker_processes_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--jobs", "2", "-q", "."]) == 1
    assert "analysis.ipynb:cell 4:3:20: MP010" in capsys.readouterr().out


def test_a_broken_notebook_is_reported_and_the_rest_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "broken.ipynb").write_text("{not json")
    write_notebook(project / "typing.ipynb", [
        ("code", "import multiprocessing\ndef square(x):\n    return x"),
        ("code", "def half_written(:\n"),
        ("code", "with multiprocessing.Pool() as pool:\n    pool.map(square, [1])"),
    ])
    assert main(["check", "--jobs", "1", "-q", "."]) == 1
    captured = capsys.readouterr()
    assert "mp-lsp: broken.ipynb: not a notebook (invalid JSON" in captured.err
    # The cell that does not parse is skipped; the others are still analysed.
    assert "typing.ipynb:cell 3:2:14: MP010" in captured.out
    assert "analysis.ipynb:cell 4:3:20: MP010" in captured.out


def test_a_notebook_in_another_language_has_nothing_to_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_notebook(tmp_path / "r.ipynb", [("code", "x <- lambda(1)")])
    document = json.loads(path.read_text())
    document["metadata"] = {"kernelspec": {"name": "ir", "language": "R"},
                            "language_info": {"name": "R"}}
    path.write_text(json.dumps(document))
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--jobs", "1", "."]) == 0
    assert "All checks passed!" in capsys.readouterr().out


def test_a_wrong_include_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text("[tool.mp-lsp]\ninclude = 3\n")
    assert main(["check", "--jobs", "1", "-q", "."]) == 1
    err = capsys.readouterr().err
    assert "setting 'include' must be a list of globs; got 3" in err
