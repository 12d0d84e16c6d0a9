"""Any supported Python's syntax on any interpreter, and half-typed files, through the CLI.

The command runs on the test's interpreter (3.11 in CI) over a tree written in the syntax of
Python 3.12 to 3.14: no file is refused, and the sinks in the new syntax are found.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

FILES = {
    # PEP 695: type parameters and type aliases (3.12).
    "generics.py": """\
        import multiprocessing as mp

        type Pair[T] = tuple[T, T]
        type Plain = list[int]


        class Box[T: (int, str), *Ts, **P]:
            def __init__(self, value: T) -> None:
                self.value = value


        def run[T](items: list[T]) -> list[T]:
            with mp.Pool() as pool:
                return pool.map(lambda item: item, items)


        if __name__ == "__main__":
            run([1])
        """,
    # PEP 701 f-strings (3.12): the same quotes nested, comments and backslashes inside.
    "fstrings.py": """\
        import multiprocessing as mp


        def report(names: list[str]) -> str:
            return f"{'\\n'.join(names)} {f"{names[0]!r}"} {
                len(names)  # how many
            }"


        def run(items):
            with mp.Pool() as pool:
                return pool.map(lambda item: f"{item["key"]}", items)


        if __name__ == "__main__":
            run([{"key": 1}])
        """,
    # PEP 654 ``except*`` (3.11), ``match`` (3.10), PEP 758 bare ``except A, B`` (3.14).
    "handlers.py": """\
        import multiprocessing as mp


        def run(items):
            try:
                with mp.Pool() as pool:
                    return pool.map(lambda item: item, items)
            except* ValueError:
                pass


        def other(items):
            match items:
                case [first, *_]:
                    return first
            try:
                return items[0]
            except KeyError, IndexError:
                with mp.Pool() as pool:
                    return pool.map(lambda item: item, items)


        if __name__ == "__main__":
            run([1])
        """,
}


def test_newer_syntax_is_read_on_any_python(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    result = subprocess.run(
        [sys.executable, "-m", "mp_lsp", "check", "--output-format", "json", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.stderr == ""
    assert result.returncode == 1, result.stdout
    found = sorted((Path(f["filename"]).name, f["code"]) for f in json.loads(result.stdout))
    assert found == [
        ("fstrings.py", "MP001"),
        ("generics.py", "MP001"),
        ("handlers.py", "MP001"),
        ("handlers.py", "MP001"),
    ]


def test_half_typed_files_keep_their_other_findings(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text(textwrap.dedent("""\
        import multiprocessing as mp


        def typing_this(items):
            print(items


        def run(items):
            with mp.Pool() as pool:
                return pool.map(lambda item: item, items)


        if __name__ == "__main__":
            run([1])
        """))
    result = subprocess.run(
        [sys.executable, "-m", "mp_lsp", "check", "--output-format", "json", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    # The syntax error is the other tools' to report; the rest of the file is analysed.
    assert result.stderr == ""
    assert [(f["code"], f["location"]["row"]) for f in json.loads(result.stdout)] == [
        ("MP001", 10)
    ]
