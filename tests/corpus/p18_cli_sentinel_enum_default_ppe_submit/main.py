"""`report export` subcommand that renders each report in a worker process.

Modelled on https://github.com/pallets/click/issues/3193 ("Error unpickling
`Sentinel.UNSET` in separate process": ValueError: <object object at 0x...> is
not a valid Sentinel).

What fails: options.resolve() leaves click-style `Sentinel.UNSET` markers in the
option dict that is passed as keyword arguments to executor.submit().  In 3.11 an
Enum member is pickled by value, and UNSET's value is a bare object(); the worker
unpickles a *new* object and Sentinel(new_object) raises ValueError, so the worker
dies while reading its call item and the pool is reported broken.
"""
import os
from concurrent.futures import ProcessPoolExecutor

import options

REPORTS = ["daily-sales", "inventory", "refunds"]


def render(report, fmt, limit, title, since):
    header = title if options.is_set(title) else report.replace("-", " ").title()
    window = since if options.is_set(since) else "all time"
    rows = 10 if limit is None else int(limit)
    return f"{header} ({window}) -> {rows} rows as {fmt}"


def parse_argv(argv):
    values = {}
    for arg in argv:
        key, _, val = arg.lstrip("-").partition("=")
        values[key] = val
    return values


def export_all(resolved):
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(render, name, **resolved) for name in REPORTS]
        return [f.result() for f in futures]


def main():
    cli = parse_argv(["--fmt=json", "--limit=25"])
    env = {k[7:].lower(): v for k, v in os.environ.items() if k.startswith("REPORT_") and len(k) > 7}
    resolved = options.resolve(cli, env)
    for line in export_all(resolved):
        print(line)


if __name__ == "__main__":
    main()
