"""## What it does

Reports a function sent to another process whose decorator returns an inner wrapper function
without applying `functools.wraps` to it.

## Why is this bad?

After decoration the module-level name `square` is bound to the wrapper, whose qualified name
is `timed.<locals>.wrapper`. Pickle stores functions by qualified name, and a `<locals>` name
cannot be looked up. `functools.wraps` copies `__module__` and `__qualname__` from the
decorated function, so the wrapper pickles as `__main__.square` — which, at module level, *is*
the wrapper.

Python 3.11 and 3.12, any start method:

```text
AttributeError: Can't pickle local object 'timed.<locals>.wrapper'
```

Python 3.13 says `Can't get local object` instead.

## Example

```python
import time
from multiprocessing import Pool


def timed(func):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            print(f"{func.__name__} took {time.perf_counter() - start:.3f}s")
    return wrapper


@timed
def square(x):
    return x * x


if __name__ == "__main__":
    with Pool() as pool:
        print(pool.map(square, range(4)))
```

## Use instead

Decorate the wrapper with `functools.wraps`:

```python
import functools


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        ...
    return wrapper
```

## Fix safety

No quick fix: the decorator may live in another module or package, and adding
`functools.wraps` changes the wrapper's `__name__` and `__doc__` for every caller.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, PICKLING, Rule, Wording

RULE = Rule(
    code="MP005",
    name="unwrapped-decorator",
    summary='a function whose decorator does not use functools.wraps is sent',
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task", ALL),
        ("`Process(target=...)`", PICKLING),
    ),
    wording=Wording(
        what="`{name}`, decorated by `{decorator}`",
        why="`@{decorator}` replaces it with `{wrapper}`, a nested function without "
        "functools.wraps, so pickle cannot find it by name",
        fix="decorate `{wrapper}` with @functools.wraps(func)",
    ),
    references=(
        ("functools.wraps",
         "https://docs.python.org/3/library/functools.html#functools.wraps"),
    ),
    step='lookup by name (functions are pickled by reference)',
    doc=__doc__,
)
