"""## What it does

Reports a script that starts processes — creates a `Pool` or `ProcessPoolExecutor`, calls
`Process.start()`, or calls a function such as `main()` that does — at module level, outside
`if __name__ == "__main__":`. Module level is whatever runs when the module is imported: a class
body (`TABLE = build_table()` in a class), a decorator, a default argument value
(`def simulate(solver=DirectSolver())`), making an instance of a class whose `__init__`
starts processes (`SOLVER = DirectSolver()`, also when the `__init__` is inherited or reached
through `super()`), and calling a method that does (`runner.run(items)`), in this module or
one it imports.

## Why is this bad?

Under `spawn` and `forkserver` each child imports the main script (as `__mp_main__`) to find
your functions. Without the guard that import runs the module-level code again, which tries to
start processes from inside a child that is still bootstrapping. `multiprocessing` detects this
and raises in the child.

Python 3.11, `spawn` or `forkserver`, printed by each child:

```text
RuntimeError:
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.
        ...
```

With `multiprocessing.Pool` the parent keeps replacing the dying workers and the program
**hangs**, printing that error over and over. With `ProcessPoolExecutor` the parent gets
`concurrent.futures.process.BrokenProcessPool: A process in the process pool was terminated
abruptly while the future was running or pending.`

Under `fork` the child does not re-import the script, so it works — on Linux with
Python ≤ 3.13. It fails on macOS/Windows and on Python 3.14+.

## Example

```python
from multiprocessing import Pool


def square(x):
    return x * x


with Pool() as pool:
    print(pool.map(square, range(4)))
```

## Use instead

Put the code that starts processes under the guard (usually in a `main()` function):

```python
from multiprocessing import Pool


def square(x):
    return x * x


def main():
    with Pool() as pool:
        print(pool.map(square, range(4)))


if __name__ == "__main__":
    main()
```

## Fix safety

The quick fix indents the statement that starts processes under a new
`if __name__ == "__main__":` guard: with it, the module-level code after it up to the end of
the module (or to an existing guard) when none of that is a definition or an import; otherwise
only the statement itself, and then only when no later module-level code reads a name it binds.
So importing the module, as the children do, still defines everything it did: the fix is safe.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import PICKLING, Rule, Wording

RULE = Rule(
    code="MP008",
    name="missing-main-guard",
    summary='processes are started at module level without a `__main__` guard',
    start_methods=(
        ("", PICKLING),
    ),
    message='{what} without an `if __name__ == "__main__":` guard: {why}',
    wording=Wording(
        what="Processes are started at module level{via}",
        why="the child re-imports this module and starts them again",
        fix='start them under `if __name__ == "__main__":`',
    ),
    variants=(
        ("start-method", Wording(
            what="`set_start_method()` is called at module level",
            why="the child re-imports this module and calls it again, which raises "
            "`RuntimeError: context has already been set`",
            fix='call it under `if __name__ == "__main__":`',
        )),
    ),
    fixes=('wrap-in-main-guard',),
    noqa_line='the line that starts the processes',
    references=(
        ("Safe importing of main module",
         "https://docs.python.org/3/library/multiprocessing.html#the-spawn-and-forkserver-start-methods"),
    ),
    doc=__doc__,
)
