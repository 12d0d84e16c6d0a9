"""## What it does

Reports a function or class sent to another process whose module-level name a decorator has
rebound to a different object: an instance of a class (`@Retry`, `@memoize`, a hand-written
`@command` returning `Command(fn)`), so that pickle cannot find the original under its name.

## Why is this bad?

Pickle sends a function by reference, as its module and qualified name, and first checks that
looking that name up gives back the very same object. After `@Retry`, the name `fetch` holds a
`Retry` instance; sending `fetch` sends that instance, whose state holds the original function,
and the original is looked up as `__main__.fetch`, which is the instance, not the function.
`functools.update_wrapper(self, fn)` in the class copies the name but does not change what the
name holds.

Python 3.11, any start method:

```text
_pickle.PicklingError: Can't pickle <function fetch at 0x7f...>: it's not the same object as __main__.fetch
```

## Example

```python
from multiprocessing import Pool


class Retry:
    def __init__(self, fn):
        self.fn = fn

    def __call__(self, *args):
        for _ in range(3):
            try:
                return self.fn(*args)
            except ConnectionError:
                pass


@Retry
def fetch(url):
    return len(url)


if __name__ == "__main__":
    with Pool() as pool:
        print(pool.map(fetch, ["http://a", "http://bb"]))
```

## Use instead

Make the decorator return a function that copies the name with `functools.wraps` (the name then
holds the wrapper, which is what pickle finds), or send an undecorated module-level function:

```python
import functools


def retry(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        for _ in range(3):
            try:
                return fn(*args)
            except ConnectionError:
                pass
    return wrapper
```

## Fix safety

No quick fix: what the decorator's object does (retries, caching, registration) is the
program's behaviour, and rewriting the decorator changes it for every caller.
"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, PICKLING, Rule, Wording

RULE = Rule(
    code="MP011",
    name="rebound-name",
    summary="a function whose name a decorator rebinds to another object is sent",
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task", ALL),
        ("`Process(target=...)`", PICKLING),
    ),
    wording=Wording(
        what="`{name}`, whose name `@{decorator}` rebinds to a `{holder}` object",
        why="pickle sends the function by reference as `{module}.{name}`, but that name now "
        "holds a `{holder}` object, not the function (`PicklingError: it's not the same object "
        "as {module}.{name}`)",
        fix="make `{decorator}` return a function decorated with functools.wraps, or send an "
        "undecorated module-level function",
    ),
    references=(
        ("Pickling class instances",
         "https://docs.python.org/3/library/pickle.html#pickling-class-instances"),
    ),
    step='lookup by name (the name no longer holds the function)',
    doc=__doc__,
)
