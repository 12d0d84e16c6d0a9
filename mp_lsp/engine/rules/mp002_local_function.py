"""## What it does

Reports a function defined inside another function (a nested function or closure) that is sent
to another process.

## Why is this bad?

Pickle stores a function by its module and qualified name. A nested function's qualified name
is `outer.<locals>.inner`, which no importer can resolve, so it cannot be pickled — whatever it
closes over.

Python 3.11 and 3.12, any start method:

```text
AttributeError: Can't pickle local object 'make_scaler.<locals>.scale'
```

Python 3.13 words it `AttributeError: Can't get local object 'make_scaler.<locals>.scale'`.

## Example

```python
from concurrent.futures import ProcessPoolExecutor


def make_scaler(factor):
    def scale(x):
        return x * factor
    return scale


if __name__ == "__main__":
    scale = make_scaler(3)
    with ProcessPoolExecutor() as executor:
        print(executor.submit(scale, 2).result())
```

## Use instead

Move the function to module level and bind the captured values with `functools.partial`
(a `partial` of a module-level function pickles fine):

```python
import functools
from concurrent.futures import ProcessPoolExecutor


def scale(x, factor):
    return x * factor


if __name__ == "__main__":
    with ProcessPoolExecutor() as executor:
        print(executor.submit(functools.partial(scale, factor=3), 2).result())
```

## Fix safety

The quick fix moves the nested function to module level; what it closes over becomes leading
parameters, bound at the sink with `functools.partial`. It is offered only when the outer
function uses the nested one nowhere but as call arguments or as its return value, and nothing
else refers to it, so every use is rewritten: the fix is safe. The variables it closes over are
then read when the task is sent, which is when the task would have read them anyway.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, PICKLING, Rule, Wording

RULE = Rule(
    code="MP002",
    name="local-function",
    summary='a nested function or closure is sent to another process',
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task", ALL),
        ("`Process(target=...)`", PICKLING),
    ),
    wording=Wording(
        what="a nested function (`{name}`, defined in `{outer}()`)",
        why="functions defined inside another function have no importable name",
        fix="move the function to module level and pass what it closes over as arguments (functools.partial)",
    ),
    fixes=('nested-to-module-level',),
    step='lookup by name (functions are pickled by reference)',
    doc=__doc__,
)
