"""The rule registry: every rule the engine reports, one module each.

Adding a rule is writing its module (a :class:`~mp_lsp.engine.rules.rule.Rule` named ``RULE``,
with its page as the module docstring) and listing it here; ``docs/rules/`` is then
regenerated with ``python -m mp_lsp.engine.rules.docs``.
"""

from __future__ import annotations

from mp_lsp.engine.rules.mp001_lambda import RULE as MP001
from mp_lsp.engine.rules.mp002_local_function import RULE as MP002
from mp_lsp.engine.rules.mp003_local_class import RULE as MP003
from mp_lsp.engine.rules.mp004_main_guard_definition import RULE as MP004
from mp_lsp.engine.rules.mp005_unwrapped_decorator import RULE as MP005
from mp_lsp.engine.rules.mp006_unpicklable_object import RULE as MP006
from mp_lsp.engine.rules.mp007_inheritance_only import RULE as MP007
from mp_lsp.engine.rules.mp008_missing_main_guard import RULE as MP008
from mp_lsp.engine.rules.mp009_unpicklable_result import RULE as MP009
from mp_lsp.engine.rules.mp010_notebook_definition import RULE as MP010
from mp_lsp.engine.rules.mp011_rebound_name import RULE as MP011
from mp_lsp.engine.rules.mp012_cannot_rebuild import RULE as MP012
from mp_lsp.engine.rules.mp013_guarded_global import RULE as MP013
from mp_lsp.engine.rules.rule import Problem, Rule

__all__ = [
    "MP001", "MP002", "MP003", "MP004", "MP005", "MP006", "MP007", "MP008", "MP009", "MP010",
    "MP011", "MP012", "MP013",
    "RULES",
    "Problem", "Rule", "by_code",
]

#: Every rule, by code, in code order.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (MP001, MP002, MP003, MP004, MP005, MP006, MP007, MP008, MP009, MP010, MP011,
                 MP012, MP013)
}


def by_code(code: str) -> Rule:
    """The rule of a code (``KeyError`` for an unknown one)."""
    return RULES[code]
