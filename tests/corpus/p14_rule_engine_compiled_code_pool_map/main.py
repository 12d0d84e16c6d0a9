"""A log-alerting rule engine compiles each rule's condition once, with
``compile(expr, "<rule>", "eval")``, and keeps the code object on the Rule dataclass so the
workers only have to ``eval`` it. The rules are fanned out with Pool.map, one rule per task, and
pickling a Rule fails on the code object: "cannot pickle code objects" (the shape of
https://github.com/cunarist/solie/issues/154, where compiled code reached a process pool)."""
import multiprocessing
from dataclasses import dataclass, field

RULES_TEXT = """
# name          | condition                              | severity
high_latency    | latency_ms > 250                       | error
slow_and_big    | latency_ms > 100 and size_kb > 512     | warning
client_error    | 400 <= status < 500                    | info
server_error    | status >= 500                          | error
"""

SAFE_GLOBALS = {"__builtins__": {}}


@dataclass
class Rule:
    name: str
    expression: str
    severity: str = "warning"
    code: object = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # compile once here instead of once per record in the worker
        self.code = compile(self.expression, f"<rule {self.name}>", "eval")

    def matches(self, record):
        return bool(eval(self.code, SAFE_GLOBALS, dict(record)))


def load_rules(text):
    rules = []
    for line in text.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, expression, severity = (part.strip() for part in line.split("|"))
        rules.append(Rule(name, expression, severity))
    return rules


def make_records(n):
    return [
        {
            "latency_ms": (i * 37) % 400,
            "size_kb": (i * 91) % 1024,
            "status": (200, 200, 404, 503)[i % 4],
        }
        for i in range(n)
    ]


def evaluate(job):
    rule, records = job
    hits = [i for i, record in enumerate(records) if rule.matches(record)]
    return rule.name, rule.severity, len(hits), hits[:3]


if __name__ == "__main__":
    rules = load_rules(RULES_TEXT)
    records = make_records(200)
    print(f"{len(rules)} rules, {len(records)} records")
    with multiprocessing.Pool(processes=3) as pool:
        report = pool.map(evaluate, [(rule, records) for rule in rules])
    for name, severity, count, first in report:
        print(f"{severity:8} {name:15} {count:4} first={first}")
