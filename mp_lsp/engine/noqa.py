"""``# noqa`` comments: the per-line escape hatch users already know from flake8 and ruff.

A bare ``# noqa`` silences every finding on its line; ``# noqa: MP001, MP004`` silences only
the listed codes. Codes are matched exactly (like ruff, unlike flake8's prefix match) so that a
short code in a comment never hides more than the author meant.

The comment is found with a small scanner rather than :mod:`tokenize`, because the engine asks
about single physical lines: a line such as ``    b)  # noqa`` is not valid Python on its own,
and the tokenizer of Python 3.12+ rejects it before reaching the comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

#: ``#``, then ``noqa`` as a whole word, then optionally ``:`` and a list of codes. Anything after
#: the codes (an explanation, another tool's directive) is allowed and ignored.
_NOQA_RE = re.compile(
    r"#\s*noqa(?![\w-])(?:\s*:\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)?)?",
    re.IGNORECASE,
)
_CODE_SPLIT_RE = re.compile(r"[\s,]+")


def comment_start(line_text: str) -> Optional[int]:
    """The offset of the ``#`` that starts the line's comment, ignoring ``#`` inside strings.

    A line that continues a multi-line string from an earlier line is scanned as if it started
    outside the string; that is the documented simplification of looking at one line only.
    """
    quote: Optional[str] = None  # the delimiter of the string we are in: ', ", ''' or """
    index = 0
    length = len(line_text)
    while index < length:
        char = line_text[index]
        if quote is None:
            if char == "#":
                return index
            if char in "'\"":
                triple = line_text[index : index + 3]
                quote = triple if triple == char * 3 else char
                index += len(quote)
                continue
        elif char == "\\":
            index += 2  # an escaped character (even in raw strings a \" does not end the string)
            continue
        elif line_text.startswith(quote, index):
            index += len(quote)
            quote = None
            continue
        index += 1
    return None


@dataclass(frozen=True)
class Directive:
    """One ``# noqa`` comment: the codes it lists (``None``: every code), and where its list
    ends in the line (to extend it), when it has one."""

    codes: Optional[frozenset[str]]
    codes_end: Optional[int]


def directives(line_text: str) -> list[Directive]:
    """The ``# noqa`` comments of one line, in order."""
    start = comment_start(line_text)
    if start is None:
        return []
    found = []
    for match in _NOQA_RE.finditer(line_text, start):
        codes = match.group("codes")
        if codes is None:
            found.append(Directive(None, None))
        else:
            listed = frozenset(code.upper() for code in _CODE_SPLIT_RE.split(codes))
            found.append(Directive(listed, match.end("codes")))
    return found


def is_suppressed(line_text: str, code: str) -> bool:
    """Whether a ``# noqa`` comment on ``line_text`` silences findings with ``code``."""
    wanted = code.upper()
    return any(d.codes is None or wanted in d.codes for d in directives(line_text))
