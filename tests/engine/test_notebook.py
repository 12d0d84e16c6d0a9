"""Notebooks as one module (mp_lsp.engine.notebook): what is kept, what is skipped, the line
map, the .ipynb format; MP010 and its quick fix on that module."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from mp_lsp.engine.analyze import Project, analyze_source
from mp_lsp.engine.notebook import (
    Cell,
    CellPosition,
    NotebookFormatError,
    notebook_source,
    read_notebook,
)
from mp_lsp.fixes import apply_edits, fixes_for
from mp_lsp.settings import Settings


def code(text: str) -> Cell:
    return Cell("code", text)


def test_cells_keep_their_lines_in_order_and_markdown_adds_none() -> None:
    source = notebook_source([
        Cell("markdown", "# Title\ntext"), code("import os\nx = 1"), Cell("raw", "raw"),
        code("y = x\n"),
    ])
    assert source.text == "import os\nx = 1\ny = x\n\n"
    assert source.cell_count == 4
    assert source.cells.locate(2, 4) == CellPosition(1, 2, 4)
    assert source.cells.locate(3, 0) == CellPosition(3, 1, 0)
    assert source.cells.module_line(3, 1) == 3
    assert source.cells.module_line(0, 1) is None
    assert 0 not in source.cells and 1 in source.cells


@pytest.mark.parametrize("line", [
    "%matplotlib inline", "!pip install numpy", "files = !ls", "x = %env HOME",
    "os.path?", "os.path.join??", "?os", "%time f()",
])
def test_ipython_lines_become_pass_and_the_rest_stays(line: str) -> None:
    text = f"import os\n{line}\ny = 1"
    [_, replaced, last] = notebook_source([code(text)]).text.splitlines()
    assert replaced == "pass"
    assert last == "y = 1"


def test_magic_inside_a_block_keeps_the_block() -> None:
    source = notebook_source([code("for i in range(3):\n    !echo $i\n    print(i)")])
    assert source.text == "for i in range(3):\n    pass\n    print(i)\n"
    ast.parse(source.text)


def test_question_marks_and_percents_of_python_are_python() -> None:
    text = 'a = 10 % 3\ns = """why?\n%not magic\n"""\nprint("ok?")  # really?\nb = (1 +\n     2)'
    assert notebook_source([code(text + "\n!ls")]).text == text + "\npass\n"


def test_cell_magics() -> None:
    source = notebook_source([
        code("%%time\ndef f():\n    pass"),
        code("%%bash\nfor f in *; do echo $f; done"),
        code("%%writefile mod.py\ndef g():\n    pass"),
        code("  %%capture out\nh = 1"),
    ])
    assert source.text.splitlines() == ["", "def f():", "    pass", "", "", "", "", "", "",
                                        "h = 1"]
    assert [entry.skipped for entry in source.cells.cells] == [
        None, "%%bash", "%%writefile", None,
    ]


def test_a_cell_that_does_not_parse_is_blanked_and_the_others_stay() -> None:
    source = notebook_source([code("def f(:\n    pass"), code("x = 1")])
    assert source.text == "\n\nx = 1\n"
    assert source.cells.cells[0].skipped == "syntax error"


def test_cells_in_another_language_are_skipped() -> None:
    source = notebook_source([Cell("code", "x <- 1", "r"), Cell("code", "y = 2", "python")])
    assert source.text == "y = 2\n"


def test_read_notebook_v4_v3_and_broken_files() -> None:
    v4 = {"cells": [{"cell_type": "code", "source": ["a = 1\n", "b = 2"]},
                    {"cell_type": "markdown", "source": "# hi"}],
          "metadata": {"language_info": {"name": "python"}}, "nbformat": 4}
    assert read_notebook(json.dumps(v4)) == [
        Cell("code", "a = 1\nb = 2"), Cell("markdown", "# hi"),
    ]
    v3 = {"worksheets": [{"cells": [{"cell_type": "code", "input": "c = 3"}]}],
          "metadata": {}, "nbformat": 3}
    assert read_notebook(json.dumps(v3)) == [Cell("code", "c = 3")]
    julia = {"cells": [{"cell_type": "code", "source": "x = 1"}],
             "metadata": {"kernelspec": {"language": "julia"}}}
    assert not read_notebook(json.dumps(julia))[0].is_python
    for broken in ("{not json", "[]", '{"cells": 3}', '{"cells": [1]}'):
        with pytest.raises(NotebookFormatError):
            read_notebook(broken)


def analyse(tmp_path: Path, cells: list[str], name: str = "nb.ipynb"):
    source = notebook_source([code(text) for text in cells])
    path = str(tmp_path / name)
    return source, analyze_source(Project(tmp_path), path, source.text, Settings())


def test_mp010_for_the_notebook_definitions_only(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("def cube(x):\n    return x ** 3\n")
    source, result = analyse(tmp_path, [
        "import multiprocessing\nfrom helpers import cube",
        "def square(x):\n    return x * x\n\n\nclass Job:\n    def run(self):\n        pass",
        "with multiprocessing.Pool() as pool:\n    pool.map(square, [1])\n    pool.map(cube, [1])\n"
        "    pool.map(Job().run, [1])\n    pool.map(lambda x: x, [1])",
        "if __name__ == '__main__':\n    def guarded(x):\n        return x\n\n"
        "    with multiprocessing.Pool() as pool:\n        pool.map(guarded, [1])",
    ])
    assert result.error is None
    found = [(f.code, source.cells.locate(f.span.line, f.span.column), sorted(
        m.value for m in f.start_methods)) for f in result.findings]
    assert found == [
        ("MP010", CellPosition(2, 2, 13), ["forkserver", "spawn"]),
        ("MP010", CellPosition(2, 4, 13), ["forkserver", "spawn"]),
        ("MP001", CellPosition(2, 5, 13), ["fork", "forkserver", "spawn"]),
        ("MP010", CellPosition(3, 6, 17), ["forkserver", "spawn"]),
    ]
    assert "spawn and forkserver children cannot find" in result.findings[0].message


def test_processes_at_the_top_level_of_a_notebook_are_not_mp008(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("def cube(x):\n    return x ** 3\n")
    _, result = analyse(tmp_path, [
        "import multiprocessing\nfrom helpers import cube\npool = multiprocessing.Pool()\n"
        "pool.map(cube, [1])",
    ])
    assert result.findings == ()


def test_the_same_program_as_a_script_is_not_mp010(tmp_path: Path) -> None:
    text = ("import multiprocessing\ndef square(x):\n    return x\n\n"
            "if __name__ == '__main__':\n    with multiprocessing.Pool() as pool:\n"
            "        pool.map(square, [1])\n")
    result = analyze_source(Project(tmp_path), str(tmp_path / "s.py"), text, Settings())
    assert result.findings == ()


def test_move_to_a_module_file(tmp_path: Path) -> None:
    source, result = analyse(tmp_path, [
        "import math\nfrom dataclasses import dataclass\nimport concurrent.futures as cf\n"
        "LIMIT = 3",
        "def root(x: float = math.pi) -> float:\n    return math.sqrt(x)\n\n\n@dataclass\n"
        "class Point:\n    x: int\n\n\ndef limited(x):\n    return min(x, LIMIT)",
        "with cf.ProcessPoolExecutor() as ex:\n    ex.map(root, [1])\n"
        "    ex.submit(abs, Point(1))\n    ex.map(limited, [1])",
    ], name="2024 results.ipynb")
    root, point, limited = result.findings
    [move, _noqa] = fixes_for(source.text, root)
    assert move.title == (
        "Move `root` to nb_2024_results_workers.py beside the notebook and import it"
    )
    assert not move.preferred
    [new] = move.files
    assert new.name == "nb_2024_results_workers.py"
    assert new.text == "import math\n\n\ndef root(x: float = math.pi) -> float:\n" \
                       "    return math.sqrt(x)\n"
    fixed = apply_edits(source.text, move.edits)
    assert "from nb_2024_results_workers import root\n\n\n@dataclass" in fixed
    [move_point, _] = fixes_for(source.text, point)
    assert move_point.files[0].text.startswith("from dataclasses import dataclass\n\n\n@dataclass")
    # `limited` reads LIMIT, a variable of the notebook: the module would not have it.
    assert [f.title for f in fixes_for(source.text, limited)] == ["Suppress MP010 with `# noqa`"]
