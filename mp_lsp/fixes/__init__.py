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
from mp_lsp.engine.rules import RULES
from mp_lsp.fixes import getstate, guard, lambdas, manager, nested, noqa, notebook
from mp_lsp.fixes.source import Fix, NewCode, SourceFile, TextEdit, apply_edits

__all__ = ["FIXES", "Fix", "NewCode", "TextEdit", "apply_edits", "fixes_for"]

FixFunction = Callable[[SourceFile, Finding], Optional[Fix]]

#: The fixes that rewrite the code, by the name a rule lists them under (``Rule.fixes``); the
#: noqa-comment fix applies to every rule and comes last, as the least preferred way out.
FIXES: dict[str, FixFunction] = {
    "lambda-to-function": lambdas.lambda_to_function,
    "nested-to-module-level": nested.nested_to_module_level,
    "move-above-main-guard": guard.move_above_main_guard,
    "add-getstate": getstate.add_getstate,
    "use-manager": manager.use_manager,
    "wrap-in-main-guard": guard.wrap_in_main_guard,
    "move-to-module-file": notebook.move_to_module_file,
}


def fixes_for(source: str, finding: Finding) -> list[Fix]:
    """The fixes that can be applied safely to ``finding`` in ``source`` (maybe none)."""
    file = _parsed(finding.path, source)
    if file is None:
        return []
    candidates: list[Fix] = []
    rule = RULES.get(finding.code)
    named = rule.fixes if rule is not None else ()
    for fix in (*(FIXES[name] for name in named), noqa.add_noqa):
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
