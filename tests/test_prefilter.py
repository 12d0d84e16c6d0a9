"""The prefilter (mp_lsp.engine.prefilter) rules out only files the engine has no findings in.

The engine's own answer is the reference: a file the prefilter rules out must be one whose
analysis ends at the scan (``candidate_calls`` is ``None``, so ``analyze_source`` returns no
finding), over the corpus, the bundled examples and the standard library, and over generated
spellings of import statements. For every other file the engine runs as before, so the
findings with and without the prefilter are the same; the last test checks that end to end
on the command line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mp_lsp.engine.analyze import Project, candidate_calls, parse
from mp_lsp.engine.prefilter import Prefilter, import_refs
from mp_lsp.engine.text import decode_source

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
STDLIB = Path(sysconfig.get_paths()["stdlib"])


def python_files(tree: Path) -> Iterator[Path]:
    for directory, subdirectories, names in os.walk(tree):
        subdirectories[:] = sorted(
            name for name in subdirectories
            if name not in ("site-packages", "dist-packages", "__pycache__")
        )
        for name in sorted(names):
            if name.endswith(".py"):
                yield Path(directory) / name


def unsound(root: Path, files: list[Path]) -> tuple[list[str], int]:
    """The files ruled out that the engine would analyse, and how many were ruled out."""
    project = Project(root)
    prefilter = Prefilter(str(project.root))
    wrong: list[str] = []
    ruled_out = 0
    for path in files:
        data = path.read_bytes()
        if prefilter.may_have_findings(str(path), data):
            continue
        ruled_out += 1
        try:
            source = decode_source(data)
        except (SyntaxError, LookupError, UnicodeDecodeError):
            wrong.append(f"{path}: ruled out, but the engine reports it cannot decode it")
            continue
        with warnings.catch_warnings():  # the standard library's tests of odd escapes
            warnings.simplefilter("ignore")
            module, _ = parse(str(path), source)
        if module is not None and candidate_calls(project, module) is not None:
            wrong.append(f"{path}: ruled out, but it can reach a process API")
    return wrong, ruled_out


def test_sound_over_the_corpus_and_the_examples() -> None:
    wrong: list[str] = []
    for case in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        wrong += unsound(case, list(python_files(case)))[0]
    examples = REPO / "examples"
    wrong += unsound(examples, list(python_files(examples)))[0]
    assert not wrong, "\n".join(wrong)


def test_sound_over_the_standard_library() -> None:
    files = list(python_files(STDLIB))
    wrong, ruled_out = unsound(STDLIB, files)
    assert not wrong, "\n".join(wrong)
    assert ruled_out > 0.9 * len(files)  # and it is worth having


def workspace(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def verdicts(root: Path) -> dict[str, tuple[bool, bool]]:
    """Per file: (kept by the prefilter, reaches a process API for the engine)."""
    project = Project(root)
    prefilter = Prefilter(str(project.root))
    found = {}
    for path in python_files(root):
        data = path.read_bytes()
        module, _ = parse(str(path), decode_source(data))
        reaches = module is not None and candidate_calls(project, module) is not None
        name = path.relative_to(root).as_posix()
        found[name] = (prefilter.may_have_findings(str(path), data), reaches)
    return found


HELPER = "import multiprocessing\n\ndef run(f, items):\n    return f\n"


@pytest.mark.parametrize(
    "main",
    [
        "import multiprocessing\n",
        "from concurrent import futures\n",
        "import \uff4dultiprocessing\n",  # a fullwidth m: the parser reads multiprocessing
        "from helper import run\n",
        "import os; import helper\n",
        "if True: import helper\n",
        "try:\n    import helper\nexcept ImportError:\n    pass\n",
        "def f():\n    from helper import run\n",
        "from pkg import (\n    other,  # a comment with ) in it\n    helper,\n)\n",
        "from pkg \\\n    import helper\n",
        "import pkg.helper as h\n",
        "from pkg.helper import *\n",
        "from pkg import helper as h, other\n",
        "import\tos,\fhelper\n",
    ],
)
def test_imports_that_reach_a_process_api_are_kept(tmp_path: Path, main: str) -> None:
    root = workspace(tmp_path, {
        "helper.py": HELPER, "pkg/__init__.py": "", "pkg/helper.py": HELPER,
        "pkg/other.py": "", "main.py": main,
    })
    kept, reaches = verdicts(root)["main.py"]
    assert reaches, "the test's premise"
    assert kept


def test_relative_imports_and_packages(tmp_path: Path) -> None:
    root = workspace(tmp_path, {
        "pkg/__init__.py": "from .pool import start\n",
        "pkg/pool.py": "from multiprocessing import Pool\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/up.py": "from .. import pool\n",
        "pkg/sub/upper.py": "from ..pool import start\n",
        "pkg/sub/dots.py": "from . . import pool\n",
        "pkg/sub/plain.py": "from .. import other\n",
        "pkg/other.py": "import os\n",
        "uses_package.py": "import pkg\n",
        "unrelated.py": "import os, sys\nprint(os.sep)\n",
        "mentions.py": '"""Not about concurrent programs."""\nimport json\n',
        "docstring_helper.py": '"""Uses multiprocessing, in words only."""\n',
        "imports_that.py": "import docstring_helper\n",
    })
    found = verdicts(root)
    for name, (kept, reaches) in found.items():
        assert kept or not reaches, name
    # And it rules out what cannot reach a process API.
    for name in ("unrelated.py", "mentions.py", "imports_that.py", "pkg/other.py",
                 "pkg/sub/plain.py"):
        assert found[name] == (False, False), name


def test_a_file_the_engine_cannot_read_is_kept() -> None:
    prefilter = Prefilter("/nonexistent")
    assert prefilter.may_have_findings("/nonexistent/a.py", b"# coding: klingon\nimport os\n")
    assert prefilter.may_have_findings("/nonexistent/b.py", b"s = '\xff'\n")
    assert prefilter.may_have_findings("/nonexistent/c.ipynb", b"{}")


_names = st.sampled_from(["helper", "pkg", "os", "other"])
_space = st.sampled_from([" ", "  ", "\t", " \\\n  "])


@st.composite
def import_statements(draw: st.DrawFn) -> str:
    """An import statement of the module ``helper`` (or ``pkg.helper``), spelled some way."""
    space = draw(_space)
    alias = draw(st.sampled_from(["", " as h"]))
    before = draw(st.lists(_names, max_size=2))
    after = draw(st.lists(_names, max_size=2))
    kind = draw(st.sampled_from(["import", "from", "from-paren", "from-package"]))
    if kind == "import":
        names = ", ".join([*before, f"helper{alias}", *after])
        return f"import{space}{names}\n"
    if kind == "from":
        return f"from{space}helper{space}import{space}run{alias}\n"
    listed = [*before, f"helper{alias}", *after]
    if kind == "from-package":
        return f"from pkg import{space}{', '.join(listed)}\n"
    comment = draw(st.sampled_from(["", "  # (a comment)", "  # )"]))
    inner = f",{comment}\n    ".join(listed)
    return f"from pkg import (\n    {inner},\n)\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(statement=import_statements(), prefix=st.sampled_from(["", "x = 1; ", "if x:\n    "]))
def test_generated_import_spellings(tmp_path: Path, statement: str, prefix: str) -> None:
    if prefix.endswith("    "):  # inside a block: every line of the statement indented
        statement = textwrap.indent(statement, "    ")[4:]
    source = prefix + statement
    root = workspace(tmp_path, {
        "helper.py": HELPER, "pkg/__init__.py": "", "pkg/helper.py": HELPER,
        "pkg/os.py": "", "pkg/other.py": "", "other.py": "", "main.py": source,
    })
    kept, reaches = verdicts(root)["main.py"]
    assert kept or not reaches, source


def test_import_refs_read_what_the_engine_reads() -> None:
    refs = import_refs("from .. pkg . sub import (a, # b)\n c)\nimport x.y as z, w\n")
    assert refs[0].level == 2
    assert refs[0].names == ("pkg.sub", "pkg.sub.a", "pkg.sub.b", "pkg.sub.c")
    assert [ref.names for ref in refs[1:]] == [("x.y", "z", "w")]


def test_the_command_line_finds_the_same_with_and_without_it(tmp_path: Path) -> None:
    """``MP_LSP_NO_PREFILTER`` gives every file to the engine: same findings."""
    root = workspace(tmp_path, {
        "helper.py": HELPER,
        "jobs.py": "import threading\n\nclass Job:\n    lock = threading.Lock()\n",
        "main.py": """\
            from helper import run
            from jobs import Job

            run(lambda x: x, [Job()])
            """,
        "app.py": """\
            import multiprocessing as mp
            from jobs import Job

            def work(job):
                return job

            if __name__ == "__main__":
                with mp.Pool() as pool:
                    pool.map(work, [Job()])
                    pool.map(lambda x: x, [1])
            """,
        "plain.py": "print('nothing to see')\n",
    })
    for tree in (root, REPO / "examples"):
        outputs = []
        for switch in ({}, {"MP_LSP_NO_PREFILTER": "1"}):
            completed = subprocess.run(
                [sys.executable, "-m", "mp_lsp", "check", "--no-cache", "--output-format",
                 "json", str(tree)],
                env={**os.environ, "PYTHONPATH": str(REPO), **switch},
                capture_output=True, text=True, timeout=600,
            )
            assert completed.returncode in (0, 1), completed.stderr
            outputs.append(json.loads(completed.stdout))
        assert outputs[0] == outputs[1]
        assert outputs[0], "the trees have findings"
