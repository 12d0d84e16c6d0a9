"""The rule catalogue: stable codes, short names and the page each diagnostic links to.

Codes never change meaning once released (like ruff's); a new kind of problem gets a new code.
"""

from __future__ import annotations

from dataclasses import dataclass

DOCS_BASE_URL = "https://github.com/mp-lsp/mp-lsp/blob/main/docs/rules"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("MP001", "lambda", "a lambda is sent to another process"),
        Rule("MP002", "local-function", "a nested function or closure is sent to another process"),
        Rule("MP003", "local-class", "a class defined inside a function (or its instance) is sent"),
        Rule(
            "MP004",
            "main-guard-definition",
            "a function or class defined under `if __name__ == \"__main__\":` is sent",
        ),
        Rule(
            "MP005",
            "unwrapped-decorator",
            "a function whose decorator does not use functools.wraps is sent",
        ),
        Rule(
            "MP006",
            "unpicklable-object",
            "an object that can never be pickled (file, socket, lock, generator, ...) is sent",
        ),
        Rule(
            "MP007",
            "inheritance-only",
            "a multiprocessing lock, queue or shared value is sent to a pool task",
        ),
        Rule(
            "MP008",
            "missing-main-guard",
            "processes are started at module level without a `__main__` guard",
        ),
        Rule("MP009", "unpicklable-result", "a worker returns a value that cannot be pickled"),
    )
}


def rule_url(code: str) -> str:
    """The documentation page of a rule."""
    return f"{DOCS_BASE_URL}/{code}.md"
