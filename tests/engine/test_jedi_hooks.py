"""The adaptations of jedi in mp_lsp.engine.jedi_hooks behave as jedi's own code would."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import jedi
import parso

from mp_lsp.engine import jedi_hooks
from mp_lsp.engine.analyze import Project, analyze_source
from mp_lsp.settings import Settings

ENGINE = Path(jedi_hooks.__file__).parent
CORPUS = Path(__file__).parent.parent / "corpus"


def test_the_bisecting_name_lookup_answers_as_the_tree_walk_does() -> None:
    grammar = parso.load_grammar()
    chooser = random.Random(7)
    for path in sorted(ENGINE.glob("*.py")):
        source = path.read_text()
        module = grammar.parse(source)
        lines = source.split("\n")
        for _ in range(400):
            line = chooser.randint(1, len(lines))
            column = chooser.randint(0, len(lines[line - 1]) + 1)
            expected = jedi_hooks._walk_for_name(module, (line, column))
            assert module.get_name_of_position((line, column)) is expected, (path, line, column)


def test_jedi_reads_the_unsaved_buffer_of_an_imported_module(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text("class Job:\n    pass\n")
    main = tmp_path / "main.py"
    main.write_text("from models import Job\nJob\n")
    project = Project(tmp_path)
    source = main.read_text()

    def job_line() -> int:
        script = jedi.Script(source, path=str(main), project=project.jedi_project)
        (name,) = script.goto(2, 3, follow_imports=True)
        return name.line

    assert job_line() == 1
    project.set_overlay(str(tmp_path / "models.py"), "\n\nclass Job:\n    pass\n")
    assert job_line() == 3
    project.set_overlay(str(tmp_path / "models.py"), None)  # closed unsaved: the disk again
    assert job_line() == 1


def test_a_shared_state_forgets_a_changed_module_and_what_imports_it(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text("class Job:\n    pass\n")
    (tmp_path / "jobs.py").write_text("from models import Job\n\nJOB = Job()\n")
    main = tmp_path / "main.py"
    source = textwrap.dedent("""\
        import multiprocessing as mp
        from jobs import JOB


        def run():
            with mp.Pool() as pool:
                return pool.apply(print, (JOB,))
        """)
    project = Project(tmp_path)
    assert analyze_source(project, str(main), source, Settings()).findings == ()
    # ``models`` changes; ``jobs`` (cached in the shared state) imports it.
    project.set_overlay(str(tmp_path / "models.py"),
                        "import threading\n\nclass Job:\n    lock = threading.Lock()\n"
                        "    def __init__(self):\n        self.lock = threading.Lock()\n")
    result = analyze_source(project, str(main), source, Settings())
    assert [f.code for f in result.findings] == ["MP006"]


def test_a_long_editing_session_infers_what_a_fresh_state_infers(tmp_path: Path) -> None:
    """jedi gives up on a node after 300 inferences of it in one state; a shared state must
    not carry that count from one script to the next (``mp.get_context`` went blank)."""
    guarded = (CORPUS / "pool_fork_ctx_closure" / "main.py").read_text()
    unguarded = guarded.split('if __name__ == "__main__":')[0]
    path = str(tmp_path / "main.py")
    project = Project(tmp_path)
    for version in range(30):
        text = (guarded, unguarded)[version % 2] + f"\n# version {version}\n"
        project.set_overlay(path, text)
        codes = [f.code for f in analyze_source(project, path, text, Settings()).findings]
        assert "MP002" in codes, f"version {version}: {codes}"
