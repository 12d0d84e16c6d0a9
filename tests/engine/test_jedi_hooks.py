"""The adaptations of jedi in mp_lsp.engine.jedi_hooks behave as jedi's own code would."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import jedi
import parso
import pytest

from mp_lsp import runtime
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


def test_findings_outlive_parso_dropping_the_trees_jedi_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """parso drops in-memory trees once it holds 600 (in a long editor session or test run):
    jedi's states still hold them, and their questions must still be answered. Here parso
    drops all the trees it holds at each new one, and then the whole cache between two analyses."""
    source = (CORPUS / "p9_getstate_returns_self_dict" / "main.py").read_text()
    path = str(tmp_path / "main.py")
    Path(path).write_text(source)
    project = Project(tmp_path)
    before = [(f.code, f.span.line) for f in analyze_source(project, path, source,
                                                             Settings()).findings]
    assert before == [("MP006", 29)]
    monkeypatch.setattr(parso.cache, "_CACHED_SIZE_TRIGGER", 0)
    monkeypatch.setattr(parso.cache, "_CACHED_FILE_MINIMUM_SURVIVAL", -1)
    for fresh in (Project(tmp_path), project):
        parso.cache.parser_cache.clear()
        edited = source + "\n# edited\n"
        fresh.set_overlay(path, edited)
        after = analyze_source(fresh, path, edited, Settings()).findings
        assert [(f.code, f.span.line) for f in after] == before


def test_the_stack_walk_indexes_the_names_parso_indexes() -> None:
    """The same names in the same order, each with the same leaves, as parso's walk."""
    grammar = parso.load_grammar()
    stdlib = Path(os.__file__).parent
    paths = [*sorted(ENGINE.glob("*.py")), stdlib / "typing.py", stdlib / "argparse.py"]
    for path in paths:
        module = grammar.parse(path.read_text(encoding="utf-8"))
        ours = dict(jedi_hooks._used_names(module))
        module._used_names = None
        theirs = dict(jedi_hooks._walk_for_used_names(module))
        assert list(ours) == list(theirs), path
        assert all(
            [id(leaf) for leaf in ours[name]] == [id(leaf) for leaf in theirs[name]]
            for name in theirs
        ), path


#: Expressions whose answers read the sources beside the stubs (a name a stub lacks, a stub's
#: name turned into the source's), namespace packages and submodules.
_DEFERRED_PROBES = """\
import collections, collections.abc, multiprocessing.pool, concurrent.futures, typing
import xml.etree.ElementTree as ET, email.mime.text, json
from multiprocessing import Pool, get_context
collections.OrderedDict()
collections.abc.Mapping
Pool(2)
get_context("spawn").Pool
multiprocessing.pool.ThreadPool(1).map
concurrent.futures.ProcessPoolExecutor().submit
typing.NamedTuple
ET.parse("x").getroot()
email.mime.text.MIMEText("x")
json.JSONDecoder().raw_decode
"""


def _answers(tmp_path: Path) -> list[list[tuple[object, ...]]]:
    source = _DEFERRED_PROBES
    script = jedi.Script(source, path=str(tmp_path / "probe.py"),
                         project=jedi.Project(tmp_path),
                         environment=jedi_hooks.shared_environment(None))
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        if line.startswith(("import", "from")):
            continue
        for ask in (script.infer, lambda line, column: script.goto(
                line, column, follow_imports=True)):
            found.append(sorted(
                (n.full_name, n.type, str(n.module_path), n.line, n.column)
                for n in ask(number, len(line))
            ))
    return found


def test_modules_parsed_when_read_answer_as_modules_parsed_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deferred = _answers(tmp_path)
    assert any(answer for answer in deferred)
    monkeypatch.setattr(jedi_hooks, "_DeferredModuleValue",
                        lambda load, *args: load())  # the module at once, as jedi loads it
    assert _answers(tmp_path) == deferred


def test_the_in_process_environment_reads_the_paths_the_subprocess_reads(tmp_path: Path) -> None:
    """A program's start-up path, read in this process, is what jedi's subprocess reports."""
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent("""
            from mp_lsp import runtime
            runtime.note_startup()
            import jedi
            from mp_lsp.engine import jedi_hooks
            ours = jedi_hooks.shared_environment(None)
            theirs = jedi.get_default_environment()
            print(type(ours).__name__, ours.get_sys_path() == theirs.get_sys_path())
            """)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={k: v for k, v in os.environ.items() if k != runtime.JEDI_SUBPROCESS_VARIABLE},
    )
    assert completed.stdout.split() == ["InProcessEnvironment", "True"], completed.stderr


def test_a_library_caller_keeps_the_subprocess() -> None:
    """The engine inside another program (this test runner) reads nothing in-process: the
    program's ``sys.path`` may have been changed."""
    assert runtime.startup_path() is None
    assert runtime.in_process_sys_path() is None


def test_parso_cache_files_are_whole_or_a_miss(tmp_path: Path) -> None:
    """Processes share parso's on-disk cache (jedi's folder): a file is written beside and
    renamed, and one that another writer left half-written is parsed again, not lost."""
    import parso
    import parso.cache

    import mp_lsp.engine.jedi_hooks  # noqa: F401  (installs the hooks)

    source = tmp_path / "m.py"
    source.write_text("x = 1\n")
    grammar = parso.load_grammar()
    grammar.parse(path=str(source), cache=True, cache_path=tmp_path)
    [cached] = [p for p in tmp_path.rglob("*.pkl")]
    assert not list(tmp_path.rglob("*.tmp"))
    parso.cache.parser_cache.clear()
    cached.write_bytes(b"\x80\x05")  # a pickle cut short
    assert grammar.parse(path=str(source), cache=True, cache_path=tmp_path).children[0].type == (
        "simple_stmt")


SENT_LAMBDA = textwrap.dedent("""\
    from multiprocessing import Pool

    if __name__ == "__main__":
        with Pool() as pool:
            pool.map(lambda x: x, range(3))
""")


def test_a_checked_file_whose_text_is_its_disks_is_read_from_parsos_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checked file's tree is saved in parso's on-disk cache, and a later process reads it
    from there instead of parsing it; a text that is not the disk's (a buffer) is analysed as
    it is, whatever the cache holds."""
    import parso.cache

    monkeypatch.setattr(jedi.settings, "cache_directory", str(tmp_path / "cache"))
    main = tmp_path / "work" / "main.py"
    main.parent.mkdir()
    main.write_text(SENT_LAMBDA)

    def codes(text: str) -> list[str]:
        parso.cache.parser_cache.clear()  # a new process: only the disk cache is left
        result = analyze_source(Project(main.parent), str(main), text, Settings())
        return [f.code for f in result.findings]

    assert codes(SENT_LAMBDA) == ["MP001"]
    assert any(tmp_path.joinpath("cache").rglob("*.pkl"))
    loaded: list[str] = []
    load = parso.cache._load_from_file_system

    def spy(hashed_grammar: object, path: object, p_time: object, cache_path: object = None):
        found = load(hashed_grammar, path, p_time, cache_path=cache_path)
        if found is not None:
            loaded.append(str(path))
        return found

    monkeypatch.setattr(parso.cache, "_load_from_file_system", spy)
    assert codes(SENT_LAMBDA) == ["MP001"]
    assert str(main) in loaded
    unsaved = SENT_LAMBDA.replace("lambda x: x", "abs")
    assert codes(unsaved) == []


def test_a_missing_numpydoc_is_looked_for_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """jedi asks for numpydoc's parser for each docstring it reads; once the import failed,
    the failure is raised again without another search of ``sys.path``."""
    import builtins

    from jedi.inference import docstrings

    real_import = builtins.__import__
    asked: list[str] = []

    def counting_import(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("numpydoc"):
            asked.append(name)
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(docstrings, "_numpy_doc_string_cache", None)
    monkeypatch.setattr(builtins, "__import__", counting_import)
    docstring = "Returns\n-------\nint\n    the count\n"
    for _ in range(3):
        assert list(docstrings._search_return_in_numpydocstr(docstring)) == []
    assert asked == ["numpydoc.docscrape"]


def test_stored_parser_tables_parse_as_generated_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser tables a process stores in jedi's cache folder and the next one loads make
    the trees the generated tables make (the engine's own files, node by node)."""
    monkeypatch.setattr(jedi.settings, "cache_directory", str(tmp_path))
    text = (Path(parso.__file__).parent / "python" / "grammar311.txt").read_text()
    namespace = {"token_namespace": jedi_hooks.PythonTokenTypes}
    generated = jedi_hooks._stored_tables((text,), namespace)  # generates and stores
    assert len(list(tmp_path.glob("mp-lsp-parser-tables-*.pickle"))) == 1
    loaded = jedi_hooks._stored_tables((text,), namespace)
    assert loaded is not generated
    grammars = []
    for tables in (generated, loaded):
        grammar = parso.load_grammar(version="3.11")
        copy = object.__new__(type(grammar))
        copy.__dict__.update(grammar.__dict__)
        copy._pgen_grammar = tables
        grammars.append(copy)
    for path in sorted(ENGINE.glob("*.py")):
        source = path.read_text()
        trees = [_shape(grammar.parse(source)) for grammar in grammars]
        assert trees[0] == trees[1], path


def _shape(node: object) -> list[tuple[str, object, object]]:
    found: list[tuple[str, object, object]] = []
    pending = [node]
    while pending:
        current = pending.pop()
        found.append((getattr(current, "type", ""), getattr(current, "start_pos", None),
                      getattr(current, "value", None)))
        pending.extend(reversed(getattr(current, "children", [])))
    return found
