"""Quick fixes: a finding and the text it was found in → edits that remove it.

Every fix is a pure function of the source text and one :class:`~mp_lsp.engine.findings.Finding`
that returns a :class:`Fix` or ``None``. It reads the code with :mod:`ast` (user code is never
imported or run) and answers ``None`` whenever it cannot be sure the edit keeps the program
meaning the same: an action that cannot be applied safely is not offered. As a last guard,
:func:`fixes_for` applies each fix and drops it if the result no longer parses.

Edits use the engine's coordinates (1-based lines, 0-based code-point columns, the line breaks
Python's tokenizer uses), so the server converts them like any other span.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Callable, Optional

from mp_lsp.engine.findings import Finding
from mp_lsp.fixes import getstate, guard, lambdas, manager, nested, noqa
from mp_lsp.fixes.source import Fix, SourceFile, TextEdit, apply_edits

__all__ = ["Fix", "TextEdit", "apply_edits", "fixes_for"]

FixFunction = Callable[[SourceFile, Finding], Optional[Fix]]

#: The fixes that rewrite the code, by rule; the noqa-comment fix applies to every rule and
#: comes last, as the least preferred way out.
_RULE_FIXES: dict[str, tuple[FixFunction, ...]] = {
    "MP001": (lambdas.lambda_to_function,),
    "MP002": (nested.nested_to_module_level,),
    "MP004": (guard.move_above_main_guard,),
    "MP006": (getstate.add_getstate,),
    "MP007": (manager.use_manager,),
    "MP008": (guard.wrap_in_main_guard,),
}


def fixes_for(source: str, finding: Finding) -> list[Fix]:
    """The fixes that can be applied safely to ``finding`` in ``source`` (maybe none)."""
    file = _parsed(finding.path, source)
    if file is None:
        return []
    candidates: list[Fix] = []
    for fix in (*_RULE_FIXES.get(finding.code, ()), noqa.add_noqa):
        try:
            found = fix(file, finding)
        except RecursionError:
            found = None
        if found is not None and _still_parses(source, found):
            candidates.append(found)
    return candidates


@lru_cache(maxsize=4)
def _parsed(path: str, source: str) -> Optional[SourceFile]:
    """The parsed file, shared by the findings of one request (an editor asks about several
    findings of the same text at once)."""
    try:
        return SourceFile(path, source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _still_parses(source: str, fix: Fix) -> bool:
    try:
        ast.parse(apply_edits(source, fix.edits))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
