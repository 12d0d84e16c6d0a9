"""The library-type table is pickle's answer, not anyone's memory: regenerating it on the Python
it was made for must give it back entry for entry, and it must say what people get wrong."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

import pytest

from mp_lsp.engine.knowledge import library_types
from mp_lsp.engine.knowledge.library_types import LibraryType, Outcome

ROOT = Path(__file__).resolve().parents[1]


def _load_generator() -> ModuleType:
    """scripts/ is not a package: load the generator from its file."""
    path = ROOT / "scripts" / "generate_pickle_table.py"
    spec = importlib.util.spec_from_file_location("generate_pickle_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


generator = _load_generator()
TABLE: dict[str, Any] = json.loads(generator.OUTPUT.read_text())
ENTRIES: dict[str, dict[str, Any]] = {e["recipe"]: e for e in TABLE["entries"]}


def _made_elsewhere() -> Optional[str]:
    """Why this Python cannot be held to the table, if it cannot: its verdicts and error texts
    are one Python's (and its jedi names one jedi's)."""
    made, here = TABLE["header"], generator.header()
    for key in ("implementation", "platform", "jedi"):
        if made[key] != here[key]:
            return f"the table is {key} {made[key]}'s; this is {here[key]}"
    if made["python"].split(".")[:2] != here["python"].split(".")[:2]:
        return f"the table is Python {made['python']}'s; this is {here['python']}"
    return None


@pytest.fixture(scope="module")
def regenerated() -> list[dict[str, Any]]:
    reason = _made_elsewhere()
    if reason:
        pytest.skip(f"{reason}; regenerate with {generator.COMMAND}")
    # In a process of its own: jedi's caches in this one are shaped by the engine's tests.
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_pickle_table.py"), "--print"],
        capture_output=True, text=True, check=True, timeout=600,
    )
    return json.loads(done.stdout)


def test_the_table_is_what_this_python_says(regenerated: list[dict[str, Any]]) -> None:
    changed = generator.differences(TABLE["entries"], regenerated)
    assert not changed, "\n".join([*changed, f"regenerate with: {generator.COMMAND}"])


def test_the_committed_file_is_the_generators_rendering() -> None:
    """Byte for byte: nobody edited it by hand, and its order and layout are the generator's."""
    assert generator.render(TABLE["entries"], TABLE["header"]) == generator.OUTPUT.read_text()


def test_a_difference_is_reported_by_recipe() -> None:
    changed = [dict(e) for e in TABLE["entries"]]
    target = next(e for e in changed if e["recipe"] == "io.StringIO('x')")
    target["outcome"] = "fails"
    lines = generator.differences(TABLE["entries"], changed)
    assert len(lines) == 1 and lines[0].startswith("io.StringIO('x'):")


def test_it_covers_at_least_150_standard_library_types() -> None:
    runtime_types = {e["runtime_type"] for e in TABLE["entries"]}
    assert len(runtime_types) >= 150


def test_every_entry_is_consistent() -> None:
    for entry in TABLE["entries"]:
        failed = entry["outcome"] == "fails"
        assert (entry["error"] is not None) == failed == (entry["fails_at"] is not None), entry
        assert entry["fails_at"] in (None, "dump", "rebuild")
        assert not entry["inheritance_only"] or generator.INHERITANCE.match(entry["error"])
        if entry["outcome"] == "contents":
            assert entry["contents_probe"]["error"], entry
        assert "0x" not in (entry["error"] or "").replace("0x?", "")


# (recipe, outcome, inheritance only): what the issue asks the table to get right.
MUST_COVER = [
    ("{'a': 1}.keys()", "fails", False),
    ("{'a': 1}.values()", "fails", False),
    ("{'a': 1}.items()", "fails", False),
    ("sqlite3.Row(sqlite3.connect(':memory:').cursor(), (1,))", "fails", False),
    ("sqlite3.connect(':memory:').cursor()", "fails", False),
    ("sqlite3.connect(':memory:')", "fails", False),
    ("logging.getLogger('app')", "pickles", False),  # loggers cross by name
    ("logging.StreamHandler()", "fails", False),
    ("logging.FileHandler(os.devnull)", "fails", False),
    ("re.match('a', 'a')", "fails", False),
    ("re.compile('a+')", "pickles", False),
    ("memoryview(b'x')", "fails", False),
    ("mmap.mmap(-1, 16)", "fails", False),
    ("weakref.ref(C)", "fails", False),
    ("weakref.WeakValueDictionary()", "fails", False),
    ("hashlib.sha256()", "fails", False),
    ("coro()", "fails", False),
    ("agen()", "fails", False),
    ("(i for i in range(3))", "fails", False),
    ("itertools.chain([1, 2])", "contents", False),
    ("itertools.chain(i for i in range(3))", "fails", False),
    ("itertools.islice([1], 1)", "contents", False),
    ("itertools.count()", "pickles", False),
    ("map(str, [1])", "contents", False),
    ("map(str, (i for i in range(3)))", "fails", False),
    ("types.MappingProxyType({'a': 1})", "fails", False),
    ("queue.Queue()", "fails", False),
    ("concurrent.futures.Future()", "fails", False),
    ("popen", "fails", False),  # subprocess.Popen
    ("sys._getframe()", "fails", False),
    ("traceback_of()", "fails", False),
    ("multiprocessing.Lock()", "fails", True),
    ("multiprocessing.Queue()", "fails", True),
    ("multiprocessing.Value('i', 0)", "fails", True),
    ("threading.Lock()", "fails", False),
    ("socket.socket()", "pickles", False),  # ForkingPickler duplicates the descriptor
    ("multiprocessing.Pipe()[0]", "pickles", False),
    # what people believe fails but does not
    ("io.StringIO('x')", "pickles", False),
    ("io.BytesIO(b'x')", "pickles", False),
    ("pathlib.Path('a')", "pickles", False),
    ("decimal.Decimal('1.1')", "pickles", False),
    ("collections.deque([1])", "contents", False),
    ("array.array('i', [1])", "pickles", False),
]


@pytest.mark.parametrize(("recipe", "outcome", "inheritance_only"), MUST_COVER,
                         ids=[case[0] for case in MUST_COVER])
def test_must_cover(recipe: str, outcome: str, inheritance_only: bool) -> None:
    entry = ENTRIES[recipe]
    assert (entry["outcome"], entry["inheritance_only"]) == (outcome, inheritance_only), entry


def test_rebuild_failures_are_told_apart() -> None:
    """A value that dumps but cannot be rebuilt fails too, at "rebuild"."""
    entry = ENTRIES["urllib.error.HTTPError('http://example.org', 500, 'error', {}, None)"]
    assert (entry["outcome"], entry["fails_at"]) == ("fails", "rebuild")


def test_the_header_says_where_the_table_holds() -> None:
    assert set(TABLE["header"]) == {
        "generated_by", "python", "implementation", "platform", "jedi", "pickler"
    }
    assert TABLE["header"]["generated_by"] == generator.COMMAND


# -- the loader ---------------------------------------------------------------------------------
def _verdict(name: str) -> LibraryType:
    found = library_types.lookup(name)
    assert found is not None, name
    assert name in found.names
    return found


def test_lookup_by_runtime_name_and_by_jedi_name() -> None:
    by_runtime, by_jedi = _verdict("_io.StringIO"), _verdict("io.StringIO")
    assert by_runtime is by_jedi and by_jedi.outcome is Outcome.PICKLES
    lock = _verdict("_thread.LockType")
    assert lock.runtime_types == ("_thread.lock",) and lock.outcome is Outcome.FAILS
    assert lock.error == "TypeError: cannot pickle '_thread.lock' object" and lock.fix


def test_a_runtime_name_wins_over_a_jedi_name() -> None:
    """jedi names ``{}.items()`` ``builtins.tuple``; a real tuple decides what that name means."""
    assert "builtins.tuple" in ENTRIES["{'a': 1}.items()"]["jedi_names"]
    assert _verdict("builtins.tuple").outcome is Outcome.CONTENTS


def test_a_shared_jedi_name_gets_the_verdict_its_types_share() -> None:
    files = _verdict("typing.IO")
    assert len(files.runtime_types) > 1 and files.outcome is Outcome.FAILS
    iterator = _verdict("typing.Iterator")  # a list iterator pickles, a struct iterator never
    assert iterator.outcome is Outcome.VARIES and iterator.fix is None


def test_contents_decide_within_one_type() -> None:
    """Over a list a chain pickles as its items do, over a generator it fails: its contents."""
    chain = _verdict("itertools.chain")
    assert chain.outcome is Outcome.CONTENTS and chain.fix is None
    assert chain.error == "TypeError: cannot pickle '_thread.lock' object"


def test_inheritance_only_primitives() -> None:
    lock = _verdict("multiprocessing.synchronize.Lock")
    assert lock.outcome is Outcome.FAILS and lock.inheritance_only
    assert "initargs" in (lock.fix or "")


def test_advice_by_family_and_by_default() -> None:
    assert "path" in (_verdict("_io.TextIOWrapper").fix or "")
    assert "logging" in (_verdict("logging.StreamHandler").fix or "")
    decoder = _verdict("json.decoder.JSONDecoder")  # no family: pickle's words are the advice
    assert decoder.error and decoder.error in (decoder.fix or "")
    assert _verdict("re.Pattern").fix is None


def test_unknown_names() -> None:
    assert library_types.lookup("mypackage.Widget") is None


def test_the_loader_imports_none_of_the_types() -> None:
    """The engine is static: reading the table must not import sqlite3, ssl or mmap."""
    code = (
        "import sys\nfrom mp_lsp.engine.knowledge import library_types as t\n"
        "assert t.lookup('sqlite3.Connection').outcome is t.Outcome.FAILS\n"
        "print(sorted({'sqlite3', 'ssl', 'mmap'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
