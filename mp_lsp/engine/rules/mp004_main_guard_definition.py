"""## What it does

Reports a function or class that is defined inside `if __name__ == "__main__":` and then sent
to another process.

## Why is this bad?

Under the `spawn` and `forkserver` start methods the child does not inherit the parent's memory:
it starts from a fresh interpreter (spawn) or a clean server process (forkserver) and imports
your script as the module `__mp_main__`. The guarded block does not run there, so
the definition does not exist when the child unpickles the reference to it. The parent pickles
the function without complaint; the error happens in the worker.

Python 3.11, `spawn` or `forkserver`, printed by each worker:

```text
AttributeError: Can't get attribute 'square' on <module '__mp_main__' from '/path/to/script.py'>
```

What the parent sees depends on the API:

- `multiprocessing.Pool`: every worker dies on its first task, the pool keeps starting new ones,
  and `pool.map` **never returns** (the program hangs, printing the error above repeatedly).
- `ProcessPoolExecutor`: `concurrent.futures.process.BrokenProcessPool: A process in the process
  pool was terminated abruptly while the future was running or pending.`
- `Process(target=...)`: the child prints the traceback and exits with `exitcode` 1.

Under `fork` the child is a copy of the parent, which already ran the guarded block, so it
works — on Linux with Python ≤ 3.13. It fails on macOS/Windows and on Python 3.14+.

## Example

```python
from multiprocessing import Pool

if __name__ == "__main__":
    def square(x):
        return x * x

    with Pool() as pool:
        print(pool.map(square, range(4)))
```

## Use instead

Define it at module level, outside the guard; keep only the code that *starts* work under the
guard:

```python
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    with Pool() as pool:
        print(pool.map(square, range(4)))
```

## Fix safety

The quick fix dedents the definition out of the guard, to just above it. It is not offered when
the definition (its body, decorators, defaults or bases) uses a name that the guard binds: that
name would not exist in the child either. The moved definition means the same: the fix is safe.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import PICKLING, Rule, Wording

RULE = Rule(
    code="MP004",
    name="main-guard-definition",
    summary='a function or class defined under `if __name__ == "__main__":` is sent',
    start_methods=(
        ("", PICKLING),
    ),
    wording=Wording(
        what='a {kind} (`{name}`) defined under `if __name__ == "__main__":`',
        why="the child re-imports the script as `__mp_main__`, where that block does not run",
        fix="move the definition above the `__main__` guard",
    ),
    variants=(
        ("global", Wording(
            what="a function (`{name}`) that `{outer}()` defines as a global",
            why="the child re-imports the script as `__mp_main__` without calling `{outer}()`, "
            "so `{name}` does not exist there",
            fix="define `{name}` at module level, or call `{outer}()` at import time",
        )),
    ),
    fixes=('move-above-main-guard',),
    references=(
        ("Contexts and start methods",
         "https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods"),
    ),
    step="lookup by name, in the child's re-imported `__mp_main__`",
    doc=__doc__,
)
