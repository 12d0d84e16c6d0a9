"""Parsing half-typed code: the candidates for ``mp_lsp.engine.tolerant``, on the same inputs.

Prints two tables:

- CPU milliseconds per input (best of 3 below 100 ms, else one run; CPU time rather than wall
  time, because this runs on shared machines) for ``ast.parse`` alone (which fails on broken
  input), :func:`parse_tolerant`, ``ast.parse`` then, where it fails, ``ast.parse`` per
  top-level statement, parso's error recovery and tree-sitter's Python grammar (the last two
  when installed: ``pip install parso tree-sitter tree-sitter-python``);
- "sinks kept": of the ten ``pool.map(lambda ...)`` calls in ten functions, how many each
  mechanism still has (outside its error nodes) when one function is broken in the way named.

Only the first two mechanisms give the ``ast`` tree the engine reads; parso and tree-sitter
would still need a converter to ``ast`` (or ``ast.parse`` of what they mark as good).

    python benchmarks/tolerant_parse.py
"""

from __future__ import annotations

import ast
import gc
import re
import sys
import time
from typing import Any, Callable, Optional

from mp_lsp.engine.tolerant import parse_tolerant

LINE_BREAK = re.compile(r"\r\n|\r|\n")
CLAUSE = re.compile(r"(?:else|elif|except|finally)\b")
FUNCTION = """def run_{i}(items):
    total = len(items)
    with mp.Pool(2) as pool:
        result = pool.map(lambda v: v * {i}, items)
    return total, result


"""
SAMPLE = "import multiprocessing as mp\n\n\n" + "".join(FUNCTION.format(i=i) for i in range(10))
HELPER = 'def helper_{n}(a, b):\n    """Doc {n}."""\n    x = [a, b, {n}]  # note\n    return x\n\n'


def in_function_4(old: str, new: str) -> str:
    at = SAMPLE.index("def run_4(")
    return SAMPLE[:at] + SAMPLE[at:].replace(old, new, 1)


#: One function of SAMPLE broken (or written in newer syntax) as typing leaves it.
SHAPES = {
    "unclosed call": in_function_4("    with mp", "    pool.map(work, [1, 2\n    with mp"),
    "new `def g(`": SAMPLE.replace("def run_4(", "def g(\ndef run_4("),
    "missing colon": in_function_4("as pool:", "as pool"),
    "unterminated string": in_function_4("len(items)", '"abc'),
    "unterminated '''": in_function_4("len(items)", "'''abc"),
    "PEP 695 generic": in_function_4("run_4(items)", "run_4[T](items: list[T])"),
    "PEP 701 f-string": in_function_4("len(items)", 'f"{items["n"]}"'),
}


def helpers(count: int) -> str:
    return "import multiprocessing as mp\n" + "".join(HELPER.format(n=n) for n in range(count))


def broken_at(source: str, line: int) -> str:
    lines = source.split("\n")
    lines[line] = "    x = [a, b, ("
    return "\n".join(lines)


def inputs() -> dict[str, str]:
    small, big = helpers(200), helpers(10_000)
    long_line = "x = [" + ", ".join(["1"] * 33_000)
    newer = "".join(
        f"type Pair{n}[T] = tuple[T, T]\ndef first_{n}[T](items: list[T]) -> T:\n"
        f'    return f"{{items[0]["k"]}}"\n\n'
        for n in range(250)
    )
    return {
        "1k lines, valid": small,
        "1k lines, error mid-file": broken_at(small, 502),
        "1k lines, PEP 695 + 701": newer,
        "100,000-char line, valid": long_line + "]\n",
        "100,000-char line, unclosed": long_line + "\ny = 2\n",
        "50k lines, valid": big,
        "50k lines, error near start": broken_at(big, 8),
        "50k lines, error near end": broken_at(big, big.count("\n") - 8),
    }


# -- the mechanisms: each returns something to count sinks in, or raises ---------------------
def per_statement(source: str) -> ast.Module:
    """``ast.parse``; where it fails, ``ast.parse`` of each top-level statement, found by the
    simplest rule (a line that starts at column 0), keeping those that parse."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    lines = LINE_BREAK.split(source)
    starts = [
        index
        for index, line in enumerate(lines)
        if line[:1] not in ("", " ", "\t", "\f", "#", ")", "]", "}")
        and not CLAUSE.match(line)
        and not (index and lines[index - 1].startswith("@"))
    ]
    body: list[ast.stmt] = []
    for first, end in zip(starts, [*starts[1:], len(lines)]):
        try:
            tree = ast.parse("\n".join(lines[first:end]))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        body.extend(ast.increment_lineno(tree, first).body)  # type: ignore[attr-defined]
    return ast.Module(body=body, type_ignores=[])


def mechanisms() -> dict[str, Callable[[str], Any]]:
    found: dict[str, Callable[[str], Any]] = {
        "ast.parse": ast.parse,
        "tolerant": lambda source: parse_tolerant(source).tree,
        "per statement": per_statement,
    }
    try:
        import parso
    except ImportError:
        pass
    else:
        found["parso"] = lambda source: parso.parse(source, error_recovery=True)
    try:
        import tree_sitter
        import tree_sitter_python
    except ImportError:
        pass
    else:
        parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_python.language()))
        found["tree-sitter"] = lambda source: parser.parse(source.encode())
    return found


MAP = [".", "map"]


def sinks(tree: Any) -> int:
    """``.map(`` calls outside error nodes, in an ``ast``, parso or tree-sitter tree."""
    if isinstance(tree, ast.AST):
        return sum(
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "map"
            for node in ast.walk(tree)
        )
    count = 0
    pending = [getattr(tree, "root_node", tree)]
    while pending:
        node = pending.pop()
        if node.type in ("error_node", "error_leaf", "ERROR") or getattr(node, "is_missing", 0):
            continue
        if node.type == "call" and not node.has_error:  # tree-sitter
            function = node.child_by_field_name("function")
            name = function.child_by_field_name("attribute") if function else None
            count += name is not None and name.text == b"map"
        elif node.type == "trailer" and [getattr(n, "value", 0) for n in node.children] == MAP:
            following = node.get_next_sibling()  # parso
            count += following is not None and following.children[0].value == "("
        pending.extend(getattr(node, "children", ()))
    return count


def cpu_ms(parse: Callable[[str], Any], source: str) -> Optional[float]:
    best = None
    for _ in range(3):
        gc.collect()  # not the previous run's garbage
        started = time.process_time()
        try:
            parse(source)
        except (SyntaxError, ValueError):
            return None
        elapsed = (time.process_time() - started) * 1000
        best = elapsed if best is None else min(best, elapsed)
        if elapsed > 100:
            break
    return best


def kept_sinks(parse: Callable[[str], Any], source: str) -> str:
    try:
        return str(sinks(parse(source)))
    except (SyntaxError, ValueError):
        return "0"


def table(title: str, rows: dict[str, list[str]], columns: list[str]) -> None:
    width = max(len(name) for name in rows)
    print(f"\n{title:<{width}}  " + "  ".join(f"{column:>13}" for column in columns))
    for name, cells in rows.items():
        print(f"{name:<{width}}  " + "  ".join(f"{cell:>13}" for cell in cells))


def main() -> None:
    found = mechanisms()
    columns = list(found)
    times = {
        name: [
            "fails" if (ms := cpu_ms(parse, source)) is None else f"{ms:,.1f}"
            for parse in found.values()
        ]
        for name, source in inputs().items()
    }
    table("CPU ms", times, columns)
    kept = {shape: [kept_sinks(parse, source) for parse in found.values()]
            for shape, source in SHAPES.items()}
    table("sinks kept of 10", kept, columns)
    print(f"\nPython {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
