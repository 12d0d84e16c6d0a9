"""## What it does

Reports a `lambda` that is sent to another process: as the function of `Pool.map`,
`Pool.apply_async`, `ProcessPoolExecutor.submit`/`map`, as a task argument, or as a
`Process(target=...)`.

## Why is this bad?

`multiprocessing` sends a function to a worker by pickling it, and pickle stores a function
*by reference*: its module and qualified name. A lambda's name is `<lambda>`, which cannot be
looked up in any module, so pickling fails before the task ever runs.

Python 3.11, any start method (`Pool.map` and `ProcessPoolExecutor.map` alike):

```text
_pickle.PicklingError: Can't pickle <function <lambda> at 0x...>: attribute lookup <lambda> on __main__ failed
```

A lambda written inside a function has a `<locals>` qualified name and fails like a nested
function (`AttributeError: Can't pickle local object 'main.<locals>.<lambda>'`).

## Example

```python
from multiprocessing import Pool

if __name__ == "__main__":
    with Pool() as pool:
        print(pool.map(lambda x: x * 2, range(10)))
```

## Use instead

Give the function a name at module level (or use `functools.partial` / the `operator`
module on a module-level function):

```python
from multiprocessing import Pool


def double(x):
    return x * 2


if __name__ == "__main__":
    with Pool() as pool:
        print(pool.map(double, range(10)))
```

## Fix safety

The quick fix *Move lambda to a module-level function* defines a function just above the
top-level statement that holds the lambda (a module-level `name = lambda ...` becomes
`def name(...)` in place). What the lambda closes over becomes leading parameters, bound where
the lambda was with `functools.partial`. A closure reads its variables when it is called, a
partial binds them when it is made, so the fix is not offered when a variable is assigned again
after the lambda or the lambda sits in a loop: where it is offered, it is safe.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, PICKLING, Rule, Wording

RULE = Rule(
    code="MP001",
    name="lambda",
    summary='a lambda is sent to another process',
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task", ALL),
        ("`Process(target=...)`", PICKLING),
    ),
    start_methods_note=(
        'Pool and executor tasks are always pickled. A `Process` target is only pickled when the '
        "child does not inherit the parent's memory, so under `fork` a lambda target runs; it still "
        'fails on macOS/Windows and on Python 3.14+ (where `forkserver` is the Linux default).'
    ),
    wording=Wording(
        what="a lambda",
        why="lambdas have no importable name, so pickle cannot find them in the child",
        fix="define a function at module level (bind extra values with functools.partial)",
    ),
    fixes=('lambda-to-function',),
    step='lookup by name (functions are pickled by reference)',
    doc=__doc__,
)
