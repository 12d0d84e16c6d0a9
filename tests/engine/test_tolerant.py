"""Tolerant parsing: half-typed code keeps the findings of everything it did not break.

Each test breaks one function of a ten-function program the way typing does, and checks that
the other functions come out of :func:`parse_tolerant` exactly as ``ast.parse`` reads them from
the same text with the broken function removed: same nodes, same positions. Newer syntax must
read the same on any Python, and no input may raise or take an unbounded number of parses.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mp_lsp.engine.tolerant import MAX_REPAIRS, MAX_TRIES, TolerantParse, parse_tolerant

LINE_BREAK = re.compile(r"\r\n|\r|\n")
FUNCTION = """def run_{i}(items):
    total = len(items)
    with mp.Pool(2) as pool:
        result = pool.map(lambda v: v * {i}, items)
    return total, result


"""
SAMPLE = "import multiprocessing as mp\n\n\n" + "".join(FUNCTION.format(i=i) for i in range(10))
BROKEN = "run_4"
#: Parses one error may cost: the first, the text before it, the statements tried, the rest.
ONE_ERROR_ROUNDS = 3 + MAX_TRIES
CORPUS = Path(__file__).parent.parent / "corpus"


def dump(node: ast.AST) -> str:
    return ast.dump(node, include_attributes=True)


def line_of(source: str, text: str) -> int:
    """The 1-based line where ``text`` first occurs."""
    return len(LINE_BREAK.split(source[: source.index(text)]))


def definitions(tree: ast.Module) -> dict[str, str]:
    return {
        node.name: dump(node)
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    }


def sinks(tree: ast.AST) -> list[tuple[int, int]]:
    """Where the ``pool.map`` calls are."""
    return [
        (node.lineno, node.col_offset)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "map"
    ]


def without(source: str, first: int, last: int) -> str:
    """``source`` with lines ``first..last`` emptied: the file without its broken part."""
    lines = LINE_BREAK.split(source)
    breaks = [*LINE_BREAK.findall(source), ""]
    return "".join(
        ("" if first <= number <= last else line) + breaks[number - 1]
        for number, line in enumerate(lines, 1)
    )


def function_lines(source: str, name: str) -> tuple[int, int]:
    """The lines of top-level function ``name`` in ``source`` from its decorators to the next
    top-level line."""
    first = last = line_of(source, f"def {name}(")
    lines = LINE_BREAK.split(source)
    for number in range(first + 1, len(lines) + 1):
        text = lines[number - 1]
        if text and not text[0].isspace():
            break
        last = number
    while first > 1 and lines[first - 2].startswith("@"):
        first -= 1
    return first, last


def assert_others_unchanged(source: str, result: TolerantParse, broken: str = BROKEN) -> None:
    """Every definition but ``broken`` is exactly what ``ast`` reads without ``broken``."""
    reference = definitions(ast.parse(without(source, *function_lines(source, broken))))
    got = definitions(result.tree)
    for name, expected in reference.items():
        assert got.get(name) == expected, name


def test_valid_text_is_exactly_what_ast_reads() -> None:
    sources = [SAMPLE, SAMPLE.replace("\n", "\r\n"), SAMPLE.replace("\n", "\r"), "x = 'é😀'\f\n"]
    sources += [path.read_text() for path in sorted(CORPUS.glob("*/main.py"))[:20]]
    for source in sources:
        result = parse_tolerant(source, "main.py")
        assert dump(result.tree) == dump(ast.parse(source))
        assert (result.skipped, result.rewritten, result.errors, result.rounds) == ((), (), (), 1)


def replace_line(source: str, old: str, new: str) -> str:
    assert old in source
    return source.replace(old, new, 1)


def in_broken(old: str, new: str) -> str:
    """SAMPLE with ``old`` replaced by ``new`` in ``run_4`` only."""
    at = SAMPLE.index(f"def {BROKEN}(")
    return SAMPLE[:at] + replace_line(SAMPLE[at:], old, new)


#: A half-typed shape: the text it leaves, the lines (marked by their text) it costs, and the
#: function it breaks if not ``run_4``.
SHAPES: dict[str, tuple[str, list[str]] | tuple[str, list[str], str]] = {
    "unclosed call in the middle of a function": (
        in_broken("    with mp", "    pool.map(work, [1, 2\n    with mp"),
        ["pool.map(work, [1, 2"],
    ),
    "unclosed call, last statement": (
        in_broken("    return total, result", "    return total, len(result"),
        ["return total, len(result"],
    ),
    "new def with nothing after": (
        replace_line(SAMPLE, "def run_4(", "def g(\ndef run_4("),
        ["def g("],
        "g",
    ),
    "missing colon": (  # its block stays, under an ``if 1:``
        in_broken("    with mp.Pool(2) as pool:", "    with mp.Pool(2) as pool"),
        ["with mp.Pool(2) as pool\n"],
    ),
    "unclosed call in a with header": (
        in_broken("    with mp.Pool(2) as pool:", "    with mp.Pool(processes=len("),
        ["with mp.Pool(processes=len("],
    ),
    "if without colon, with a body": (
        in_broken("    with mp", "    if total\n        total += 1\n    with mp"),
        ["if total", "total += 1"],
    ),
    "stray parenthesis": (in_broken("len(items)", "len(items))"), ["len(items))"]),
    "unterminated string": (in_broken("len(items)", '"abc'), ['"abc']),
    "decorator with nothing after": (
        replace_line(SAMPLE, "def run_4(", "@\ndef run_4("),
        ["@\n"],
    ),
    "unindent does not match": (
        in_broken("    return total", "      return total"),
        ["      return total"],
    ),
    "incomplete for": (in_broken("    with mp", "    for x in\n    with mp"), ["for x in"]),
    "keyword typo": (in_broken("    return total", "    retrun total"), ["retrun total"]),
    "tabs after spaces": (
        in_broken("        result = pool", "\tx = 1\n        result = pool"),
        ["\tx = 1"],
    ),
    "two errors in one function": (
        in_broken(
            "        result = pool.map(lambda v: v * 4, items)",
            "        pool.map(work, [1, 2\n        result = pool.map(lambda v: v * 4, items)\n"
            "        y = (",
        ),
        ["pool.map(work, [1, 2", "y = ("],
    ),
}


def expected_skipped(source: str, markers: list[str]) -> tuple[tuple[int, int], ...]:
    lines = sorted({line_of(source, marker) for marker in markers})
    ranges: list[tuple[int, int]] = []
    for line in lines:
        if ranges and ranges[-1][1] + 1 == line:
            ranges[-1] = (ranges[-1][0], line)
        else:
            ranges.append((line, line))
    return tuple(ranges)


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_broken_statement_costs_that_statement_only(shape: str, line_break: str) -> None:
    source, markers, *broken = SHAPES[shape]
    function = broken[0] if broken else BROKEN
    skipped = expected_skipped(source, markers)
    source = source.replace("\n", line_break)
    with pytest.raises(SyntaxError):
        ast.parse(source)
    result = parse_tolerant(source, "main.py")
    assert result.skipped == skipped
    assert len(result.errors) == len(skipped)
    assert result.rounds <= ONE_ERROR_ROUNDS * len(skipped)
    assert_others_unchanged(source, result, function)
    # The broken function keeps the sink it had outside what was skipped.
    expected = sinks(ast.parse(without(source, *function_lines(source, function))))
    sink = line_of(source, "v * 4")
    if function == BROKEN and not any(first <= sink <= last for first, last in skipped):
        expected.append((sink, 17))
    assert sorted(sinks(result.tree)) == sorted(expected)


def test_a_header_without_its_body_costs_the_header() -> None:
    for source in (SAMPLE + "def g():\n", SAMPLE.replace("def run_4(", "def g():\n\ndef run_4(")):
        result = parse_tolerant(source)
        header = line_of(source, "def g():")
        assert result.skipped == ((header, header),)
        assert_others_unchanged(source, result, broken="g")


def test_an_unterminated_triple_quoted_string_costs_its_line() -> None:
    """The tokenizer reads the rest of the file as the string; the user typing it does not."""
    source = in_broken("len(items)", "'''abc")
    result = parse_tolerant(source)
    first = line_of(source, "'''abc")
    assert result.skipped == ((first, first),)
    assert_others_unchanged(source, result)
    assert len(sinks(result.tree)) == 10


def test_a_block_left_empty_gets_a_pass() -> None:
    source = "def f():\n    x = (\n\ndef g():\n    pass\n"
    result = parse_tolerant(source)
    assert result.skipped == ((2, 2),)
    body = result.tree.body[0].body  # type: ignore[attr-defined]
    assert [(type(node), node.lineno, node.col_offset) for node in body] == [(ast.Pass, 2, 4)]


def test_unexpected_indent_costs_the_indented_statement() -> None:
    result = parse_tolerant("x = 1\n    y = 2\nz = 3\n")
    assert result.skipped == ((2, 2),)
    assert [node.lineno for node in result.tree.body] == [1, 3]


def test_null_bytes_and_surrogates_are_read_around() -> None:
    source = SAMPLE.replace("total = len(items)", "total = len(items)\0", 1)
    source = source.replace("v * 2, items)", "v * 2, items)  # \udcff", 1)
    result = parse_tolerant(source)
    assert result.skipped == ()
    assert result.rewritten == (line_of(source, "\0"), line_of(source, "\udcff"))
    assert definitions(result.tree) == definitions(ast.parse(SAMPLE))


def test_a_byte_order_mark_counts_on_line_one() -> None:
    result = parse_tolerant("\ufeffx = 1; pool.map(f, y)\ny = 2\n")
    first, call = result.tree.body[0], result.tree.body[1].value  # type: ignore[attr-defined]
    assert (first.col_offset, first.end_col_offset) == (3, 8)
    assert (call.col_offset, call.end_col_offset) == (10, 24)
    assert result.tree.body[2].col_offset == 0  # type: ignore[attr-defined]


# -- newer syntax ---------------------------------------------------------------------------
PEP_695 = '''\
type Pair[T] = tuple[T, T]
type   Wide  [ K ,  V ] = dict[K, V]
def first[T: int, *Ts, **P](items: list[T]) -> T:
    return items[0]
async def fetch[T = int](x: T) -> T:
    return x
class Box[T](Base):
    type Inner = int
    def get[U](self, other: U) -> U:
        return other
class Multi[
    T,  # the element
    U: (int, str),
](Base):
    pass
'''


def positions(node: ast.AST) -> tuple[int, int, Optional[int], Optional[int]]:
    return (
        node.lineno,  # type: ignore[attr-defined]
        node.col_offset,  # type: ignore[attr-defined]
        node.end_lineno,  # type: ignore[attr-defined]
        node.end_col_offset,  # type: ignore[attr-defined]
    )


def test_pep_695_reads_with_every_position_unchanged() -> None:
    """Positions as Python 3.13 gives them; before 3.12 type aliases read as assignments."""
    result = parse_tolerant(PEP_695)
    assert result.skipped == ()
    pair, wide, first, fetch, box, multi = result.tree.body
    alias_name = "name" if sys.version_info >= (3, 12) else "targets"
    names = [getattr(a, alias_name) for a in (pair, wide)]
    names = [n if isinstance(n, ast.AST) else n[0] for n in names]
    assert [positions(name) for name in names] == [(1, 5, 1, 9), (2, 7, 2, 11)]
    assert [positions(alias) for alias in (pair, wide)] == [(1, 0, 1, 26), (2, 0, 2, 36)]
    assert positions(wide.value) == (2, 26, 2, 36)  # type: ignore[attr-defined]
    assert isinstance(first, ast.FunctionDef) and isinstance(fetch, ast.AsyncFunctionDef)
    assert positions(first.args.args[0]) == (3, 28, 3, 42)
    assert positions(fetch.args.args[0]) == (5, 25, 5, 29)
    assert isinstance(box, ast.ClassDef) and positions(box.bases[0]) == (7, 13, 7, 17)
    inner, method = box.body
    assert positions(inner) == (8, 4, 8, 20)
    assert positions(method.args.args[1]) == (9, 21, 9, 29)  # type: ignore[attr-defined]
    assert isinstance(multi, ast.ClassDef) and positions(multi.bases[0]) == (14, 2, 14, 6)
    if sys.version_info < (3, 12):
        assert result.rewritten == (1, 2, 3, 5, 7, 8, 9, 11, 12, 13, 14)


def test_newer_clauses_and_strings_keep_their_statements() -> None:
    source = (
        "try:\n    pass\nexcept* ValueError:\n    pass\n"
        "try:\n    pass\nexcept KeyError, IndexError:\n    work(t'{x}')\n"
    )
    result = parse_tolerant(source)
    assert result.skipped == ()
    second = result.tree.body[1]
    handler = second.handlers[0]  # type: ignore[attr-defined]
    first_type = handler.type if sys.version_info < (3, 14) else handler.type.elts[0]
    assert positions(first_type) == (7, 7, 7, 15)
    call = handler.body[0].value
    assert positions(call.args[0]) == (8, 9, 8, 15)


PEP_701 = """\
x = f"{items["n"]}"
y = f"{'\\n'.join(names)} {f"{names[0]!r}"} {
    len(names)  # how many
}" + "é" + f"{é=} {v!r:>{width}}"
print(f"{a}" "plain"
      f'{b["k"]:{fill}^10}')
z = rf"\\d{n}" f\"\"\"{d["x"]}
{e  # the last
}\"\"\"
"""
#: Where Python 3.13 puts the expressions of PEP_701's replacement fields, and its f-strings.
PEP_701_EXPRESSIONS = {
    ("Attribute", 2, 7, 2, 16), ("Call", 2, 7, 2, 23), ("Call", 3, 4, 3, 14),
    ("Constant", 1, 13, 1, 16), ("Constant", 2, 7, 2, 11), ("Constant", 2, 35, 2, 36),
    ("Constant", 6, 11, 6, 14), ("Constant", 7, 21, 7, 24), ("Name", 1, 7, 1, 12),
    ("Name", 2, 17, 2, 22), ("Name", 2, 29, 2, 34), ("Name", 3, 4, 3, 7), ("Name", 3, 8, 3, 13),
    ("Name", 4, 15, 4, 17), ("Name", 4, 21, 4, 22), ("Name", 4, 27, 4, 32), ("Name", 5, 9, 5, 10),
    ("Name", 6, 9, 6, 10), ("Name", 6, 17, 6, 21), ("Name", 7, 10, 7, 11), ("Name", 7, 19, 7, 20),
    ("Name", 8, 1, 8, 2), ("Subscript", 1, 7, 1, 17), ("Subscript", 2, 29, 2, 37),
    ("Subscript", 6, 9, 6, 15), ("Subscript", 7, 19, 7, 25),
}
PEP_701_STRINGS = {(1, 4, 1, 19), (2, 4, 4, 2), (4, 12, 4, 35), (5, 6, 6, 27), (7, 4, 9, 4)}


def test_pep_701_f_strings_read_with_their_expressions_where_they_are() -> None:
    """Quotes reused, comments, backslashes and line breaks in replacement fields (3.12):
    every expression at Python 3.13's position, and each f-string a ``JoinedStr``."""
    result = parse_tolerant(PEP_701)
    assert result.skipped == ()
    expressions = set()
    strings = set()
    for node in ast.walk(result.tree):
        if isinstance(node, ast.JoinedStr):
            strings.add(positions(node))
            for value in node.values:
                if isinstance(value, ast.FormattedValue):
                    expressions.update(
                        (type(inner).__name__, *positions(inner))
                        for inner in ast.walk(value.value)
                        if isinstance(inner, ast.expr)
                        and not isinstance(inner, (ast.JoinedStr, ast.FormattedValue))
                    )
    assert expressions == PEP_701_EXPRESSIONS
    assert strings >= PEP_701_STRINGS
    source = 'x = 1\ny = f"{d["k"]}"\nz = 2\n'
    assert [node.lineno for node in parse_tolerant(source).tree.body] == [1, 2, 3]


# -- bounded on pathological input ----------------------------------------------------------
def test_a_long_line_and_deep_nesting_are_bounded() -> None:
    long_list = "x = [" + ", ".join(["1"] * 33_000)
    deep = "x = " + "-" * 100_000 + "1\ny = 2\n"
    for source in (long_list + "]\n", long_list + "\ny = 2\n", deep):
        result = parse_tolerant(source)
        assert result.rounds <= ONE_ERROR_ROUNDS + 20
        assert result.tree.body[-1].lineno == len(source.splitlines())


def test_a_fifty_thousand_line_file_costs_a_few_parses() -> None:
    lines = [f"v{n} = f({n})\n" for n in range(50_000)]
    lines[2] = "v2 = f((\n"
    lines[-3] = "v49997 = [\n"
    result = parse_tolerant("".join(lines))
    assert result.skipped == ((3, 3), (49_998, 49_998))
    assert len(result.tree.body) == 49_998
    assert result.rounds <= 2 * ONE_ERROR_ROUNDS


def test_garbage_is_bounded() -> None:
    garbage = "".join(chr(33 + n * 7919 % 94) + "\n" * (n % 37 == 0) for n in range(20_000))
    result = parse_tolerant(garbage)
    assert result.rounds <= 1 + MAX_REPAIRS * (MAX_TRIES + 2)
    assert result.skipped[-1][1] == len(LINE_BREAK.split(garbage))


# -- any text -------------------------------------------------------------------------------
PROGRAM = SAMPLE.replace("def run_2(items):\n", "@decorate\ndef run_2(items):\n    '''Doc.'''\n")
FRAGMENTS = [
    "(", ")", "[", "]", "{", "}", ":", "'", '"', "'''", '"""', "\\", "#", "@", "=", ",", " ",
    "\t", "\n", "\r", "\r\n", "\0", "\ufeff", "é", "def ", "class ", "if x", "else:", "lambda",
    "f'{", "type X = ", "[T]", "    ", "\udcff",
]


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, int]:
    """PROGRAM edited at one place, and the 1-based line where the edit starts."""
    at = draw(st.integers(0, len(PROGRAM)))
    if draw(st.booleans()):
        inserted = "".join(draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4)))
        text = PROGRAM[:at] + inserted + PROGRAM[at:]
    else:
        text = PROGRAM[:at] + PROGRAM[at + draw(st.integers(1, 40)) :]
    return text, len(LINE_BREAK.split(PROGRAM[:at]))


ORIGINAL = ast.parse(PROGRAM).body


@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::SyntaxWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutant=mutants())
def test_any_edit_keeps_what_it_cannot_have_touched(mutant: tuple[str, int]) -> None:
    source, edited = mutant
    result = parse_tolerant(source)
    lines = len(LINE_BREAK.split(source))
    assert all(1 <= first <= last <= lines for first, last in result.skipped)
    assert all(a[1] < b[0] for a, b in zip(result.skipped, result.skipped[1:]))
    # Nothing is read from a skipped line but the stand-in on its first: a pass or a header.
    stand_ins = (ast.Pass, ast.If, ast.Constant, ast.Try, ast.ExceptHandler)
    firsts = {first for first, _ in result.skipped}
    for node in ast.walk(result.tree):
        line = getattr(node, "lineno", None)
        if any(first <= (line or 0) <= last for first, last in result.skipped):
            assert line in firsts and isinstance(node, stand_ins)
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):  # a leading BOM is no error, only ``ast``'s refusal
        assert result.skipped or result.rewritten or source.startswith("\ufeff")
    # The edit may join the statement it is in to the one before; nothing earlier can change.
    index = max((i for i, node in enumerate(ORIGINAL) if node.lineno <= edited), default=0)
    kept = [dump(node) for node in result.tree.body]
    for node in ORIGINAL[: max(index - 1, 0)]:
        assert dump(node) in kept
