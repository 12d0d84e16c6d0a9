"""The library-type table is pickle's answer, not anyone's memory: regenerating it on the Python
it was made for must give it back entry for entry, and it must say what people get wrong. The
same holds for each serializer's table (kinds, and where library types differ from pickle's),
checked wherever its library is installed."""

from __future__ import annotations

import datetime
import importlib.metadata
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

import pytest

from mp_lsp.engine.knowledge import library_types, serializers
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


# -- the serializers' tables: kinds and library types per serializer ----------------------------
SERIALIZER_TABLES: dict[str, dict[str, Any]] = {
    name: json.loads(s.output().read_text())
    for name, s in generator.SERIALIZERS.items() if s.output().exists()
}


def _serializer_made_elsewhere(name: str) -> Optional[str]:
    """Why this Python cannot be held to a serializer's table, if it cannot: the library is not
    installed (CI has no torch; ``make test-frameworks`` has), or the table is another Python's
    or another minor version of the library's."""
    serializer = generator.SERIALIZERS[name]
    missing = serializer.missing()
    if missing:
        return f"{name}: {missing}"
    made, here = SERIALIZER_TABLES[name]["header"], generator._where()
    for key in ("implementation", "platform"):
        if made[key] != here[key]:
            return f"the {name} table is {key} {made[key]}'s; this is {here[key]}"
    if made["python"].split(".")[:2] != here["python"].split(".")[:2]:
        return f"the {name} table is Python {made['python']}'s; this is {here['python']}"
    for library, version in made["libraries"].items():
        installed = importlib.metadata.version(library)
        if installed.split(".")[:2] != version.split(".")[:2]:
            return f"the {name} table is {library} {version}'s; this is {installed}"
    return None


@pytest.fixture(scope="module")
def regenerated_serializers() -> dict[str, Any]:
    """Every serializer's table this Python can check, from one run of the generator."""
    names = [name for name in SERIALIZER_TABLES if not _serializer_made_elsewhere(name)]
    if not names:
        pytest.skip("no serializer's table can be checked here")
    command = [sys.executable, str(ROOT / "scripts" / "generate_pickle_table.py"), "--print"]
    for name in names:
        command += ["--serializer", name]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    return json.loads(done.stdout)["serializers"]


@pytest.mark.parametrize("name", list(generator.SERIALIZERS))
def test_a_serializers_table_is_what_the_library_says(
    name: str, regenerated_serializers: dict[str, Any]
) -> None:
    reason = _serializer_made_elsewhere(name)
    if reason:
        pytest.skip(f"{reason}; regenerate with {generator.COMMAND} --serializer {name}")
    changed = generator.serializer_differences(SERIALIZER_TABLES[name],
                                               regenerated_serializers[name])
    assert not changed, "\n".join(
        [*changed, f"regenerate with: {generator.COMMAND} --serializer {name}"]
    )


def test_every_serializer_has_a_table() -> None:
    assert set(SERIALIZER_TABLES) == set(generator.SERIALIZERS)


@pytest.mark.parametrize("name", sorted(SERIALIZER_TABLES))
def test_a_serializers_file_is_the_generators_rendering(name: str) -> None:
    path = generator.SERIALIZERS[name].output()
    assert generator.render_document(SERIALIZER_TABLES[name]) == path.read_text()


@pytest.mark.parametrize("name", sorted(SERIALIZER_TABLES))
def test_a_serializers_table_is_consistent(name: str) -> None:
    table = SERIALIZER_TABLES[name]
    assert table["header"]["serializer"] == name
    assert set(table["header"]["libraries"]) == set(generator.SERIALIZERS[name].libraries)
    for kind in table["kinds"]:
        assert (kind["error"] is None) == (kind["outcome"] == "crosses"), kind
        assert kind["pickled_by"] in (None, "value", "reference")
        assert "0x" not in (kind["error"] or "").replace("0x?", "")
    for entry in table["library_differences"]:
        assert entry["recipe"] in ENTRIES, entry
        assert (entry["error"] is not None) == (entry["outcome"] == "fails"), entry
    if name == "pickle":
        assert table["library_differences"] == []


def test_the_readers_names_are_the_generators() -> None:
    assert {s.value for s in serializers.Serializer} == set(generator.SERIALIZERS)
    assert {k.value for k in serializers.Kind} == {
        k.name for k in generator.KINDS + generator.TORCH_KINDS
    }
    assert {k.value for k in serializers.TORCH_KINDS} == {k.name for k in generator.TORCH_KINDS}
    for name, table in SERIALIZER_TABLES.items():
        assert [k["kind"] for k in table["kinds"]] == [
            k.name for k in generator.SERIALIZERS[name].kinds
        ]


# (serializer, kind, outcome, pickled by): what people get wrong about sending values.
KIND_CASES = [
    ("pickle", "main_function", "crosses", "reference"),
    ("pickle", "main_guarded_function", "fails-at-load", "reference"),  # not in __mp_main__
    ("pickle", "main_lambda", "fails-at-dump", None),
    ("pickle", "main_function_global_lock", "crosses", "reference"),  # the worker has its own
    ("pickle", "closure", "fails-at-dump", None),
    ("pickle", "exception_two_args", "fails-at-load", "reference"),
    ("pickle", "socket", "crosses", None),
    ("pickle", "manager_proxy", "crosses", None),
    ("pickle", "mp_lock", "fails-at-dump", None),
    ("cloudpickle", "main_guarded_function", "crosses", "value"),
    ("cloudpickle", "main_lambda", "crosses", "value"),
    ("cloudpickle", "main_function_global_lock", "fails-at-dump", None),
    ("cloudpickle", "main_lambda_global_lock", "fails-at-dump", None),  # globals travel too
    ("cloudpickle", "closure_over_lock", "fails-at-dump", None),
    ("cloudpickle", "local_class_instance", "crosses", "value"),
    ("cloudpickle", "exception_two_args", "fails-at-load", "value"),
    ("cloudpickle", "socket", "fails-at-dump", None),
    ("cloudpickle", "file_read", "crosses", None),  # as a StringIO of its contents
    ("cloudpickle", "module", "crosses", None),
    ("loky", "main_lambda_global_lock", "fails-at-dump", None),
    ("loky", "socket", "crosses", None),  # loky's reducers add sockets to cloudpickle
    ("dill", "main_lambda_global_lock", "crosses", "value"),  # globals stay the worker's
    ("dill", "closure_over_lock", "crosses", "value"),  # a new lock, not a shared one
    ("dill", "thread_lock", "crosses", None),
    ("dill", "file_write", "crosses", None),
    ("dill", "socket", "fails-at-dump", None),
    ("dill", "generator", "fails-at-dump", None),
    ("dill", "mp_queue", "fails-at-dump", None),
    ("torch", "tensor", "crosses", None),
    ("torch", "tensor_non_leaf", "fails-at-dump", None),
    ("torch", "main_guarded_function", "fails-at-load", "reference"),
]


@pytest.mark.parametrize(("name", "kind", "outcome", "pickled_by"), KIND_CASES,
                         ids=[f"{case[0]}-{case[1]}" for case in KIND_CASES])
def test_kind_cases(name: str, kind: str, outcome: str, pickled_by: Optional[str]) -> None:
    found = serializers.kind_outcome(name, kind)
    assert found is not None
    assert (found.outcome.value, found.pickled_by and found.pickled_by.value) == (
        outcome, pickled_by
    ), found


def test_kinds_a_table_does_not_have() -> None:
    assert serializers.kind_outcome("pickle", serializers.Kind.TENSOR) is None
    assert serializers.kind_outcome(serializers.Serializer.TORCH, "tensor") is not None


def test_library_outcome_is_pickles_for_pickle() -> None:
    for name in ("_io.StringIO", "_thread.lock", "typing.IO", "mypackage.Widget"):
        assert serializers.library_outcome("pickle", name) is library_types.lookup(name)


def test_library_outcome_applies_a_serializers_differences() -> None:
    socket = serializers.library_outcome("cloudpickle", "socket.socket")
    assert socket is not None and socket.outcome is Outcome.FAILS
    assert socket.error == "TypeError: cannot pickle 'socket' object"
    assert "cloudpickle:" in (socket.fix or "")
    assert _verdict("socket.socket").outcome is Outcome.PICKLES
    lock = serializers.library_outcome("dill", "_thread.LockType")
    assert lock is not None and lock.outcome is Outcome.PICKLES and lock.fix is None
    # no difference recorded: the very verdict pickle has
    assert serializers.library_outcome("dill", "re.Pattern") is _verdict("re.Pattern")
    made = serializers.library_outcome_made_by("dill", "threading.Lock")
    assert made is not None and made.outcome is Outcome.PICKLES


def test_the_serializers_reader_imports_none_of_the_libraries() -> None:
    code = (
        "import sys\nfrom mp_lsp.engine.knowledge import serializers as s\n"
        "for name in s.available():\n"
        "    s.library_outcome(name, 'threading.Condition')\n"
        "    s.kind_outcome(name, 'thread_lock')\n"
        "print(sorted({'cloudpickle', 'dill', 'loky', 'joblib', 'multiprocess', 'torch',"
        " 'sqlite3', 'socket'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_identity_equal_types_are_what_pickle_rebuilds_unequal() -> None:
    """Each type the judge says comes back unequal to itself (an Enum member holding one is
    lost: :data:`~mp_lsp.engine.knowledge.pickling.IDENTITY_EQUAL_TYPES`) does, through the
    real pickler; values that look alike but compare by content come back equal."""
    import datetime
    import decimal
    import functools
    import pickle

    from mp_lsp.engine.knowledge.pickling import IDENTITY_EQUAL_TYPES

    made = {"builtins.object": object(), "functools.partial": functools.partial(max, 1)}
    assert sorted(made) == sorted(IDENTITY_EQUAL_TYPES)
    for name, value in made.items():
        assert f"{type(value).__module__}.{type(value).__qualname__}" == name
        assert pickle.loads(pickle.dumps(value)) != value, name
    for alike in (max, (1, "a"), frozenset({2}), decimal.Decimal("1.5"), datetime.date(2026, 1, 2)):
        assert pickle.loads(pickle.dumps(alike)) == alike


class _Zone(datetime.tzinfo):
    """A tzinfo whose ``__init__`` needs an argument (module level: pickle finds it by name)."""

    def __init__(self, hours: int) -> None:
        self.hours = hours


class _KeptZone(_Zone):
    def __getinitargs__(self) -> tuple[int]:
        return (self.hours,)


def test_call_rebuilt_bases_are_rebuilt_by_calling_the_class() -> None:
    """A subclass of each base in :data:`~mp_lsp.engine.knowledge.pickling.CALL_REBUILT_BASES`
    is rebuilt as ``cls(*self.<method>())``: without the method its class is called with no
    arguments, which its ``__init__`` refuses; with it, it round-trips."""
    import pickle

    from mp_lsp.engine.knowledge.pickling import CALL_REBUILT_BASES

    assert CALL_REBUILT_BASES == {"datetime.tzinfo": "__getinitargs__"}
    with pytest.raises(TypeError, match="hours"):
        pickle.loads(pickle.dumps(_Zone(3)))
    assert pickle.loads(pickle.dumps(_KeptZone(3))).hours == 3


class _Slotted:
    __slots__ = ("a",)

    def __init__(self) -> None:
        self.a = 1


def test_a_slotted_instance_is_sent_with_a_tuple_state() -> None:
    """What the judge's ``slots`` variant of MP012 stands on: without ``__getstate__``, the
    state pickle sends (and hands to ``__setstate__``) for an instance with slots is
    ``(None, {slot: value})``."""
    import pickle

    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert _Slotted().__reduce_ex__(protocol)[2] == (None, {"a": 1})
