"""## What it does

Reports a function of the script, sent to a worker, that uses a global variable which only the
`if __name__ == "__main__":` block of the script defines.

## Why is this bad?

The function runs in the worker with the worker's `__main__` module for its globals: pickle
sends it by name and the worker finds it there; dill (`multiprocess`, pathos) sends a lambda,
a nested function or a function of the script by value, but its globals as a reference to that
same module. Under the `spawn` and `forkserver` start methods the worker's `__main__` is the
script imported again under the name `__mp_main__`: the guarded block does not run there, so
the global does not exist, and the function fails in the worker when it reads it. Under `fork`
the worker is a copy of the parent and the global is there.

Python 3.11 with multiprocess 0.70, spawn:

```text
NameError: name 'conn' is not defined
```

cloudpickle (joblib, dask, ray) is not affected: it sends the globals a function uses along
with it, by value (and then each of them must be picklable: see MP006).

## Example

```python
import sqlite3
from multiprocess import Pool

if __name__ == "__main__":
    conn = sqlite3.connect("app.db")
    with Pool(2) as pool:
        print(pool.map(lambda q: conn.execute(q).fetchall(), ["SELECT 1", "SELECT 2"]))
```

## Use instead

Pass what the worker needs as an argument, or make it at module level (or in a pool
`initializer`), so that every process that imports the script has it:

```python
import sqlite3
from multiprocess import Pool

DB = "app.db"


def query(q):
    with sqlite3.connect(DB) as conn:
        return conn.execute(q).fetchall()


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(query, ["SELECT 1", "SELECT 2"]))
```

## Fix safety

No automatic fix: what the global should become (an argument, a module-level value, something
each worker makes) depends on the program.
"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import PICKLING, Rule, Wording

RULE = Rule(
    code="MP013",
    name="guarded-global",
    summary="a function of the script sent to a worker uses a global only the `__main__` guard "
    "defines",
    start_methods=(("`Pool` / `Process` / `multiprocess` / pathos task", PICKLING),),
    wording=Wording(
        what="`{function}`, which uses the global `{name}`",
        why="it runs with the worker's `__main__` for its globals, and `{name}` is only "
        "defined under `if __name__ == \"__main__\":`, which the worker does not run "
        "(`NameError: name '{name}' is not defined`)",
        fix="pass `{name}` as an argument, or define it at module level",
    ),
    references=(
        ("dill: serialization of globals",
         "https://dill.readthedocs.io/en/latest/#dill.settings"),
    ),
    step="rebuild (the function's globals are the worker's `__main__`)",
    doc=__doc__,
)
