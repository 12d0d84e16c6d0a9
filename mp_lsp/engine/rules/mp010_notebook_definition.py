"""## What it does

Reports a function or class defined in a Jupyter notebook (any cell, under an
`if __name__ == "__main__":` guard or not) and then sent to another process: as a pool task, a
`Process` target, an initializer, or inside a value that holds it (a bound method, a
`functools.partial`, an instance of the class).

## Why is this bad?

In a notebook, `__main__` is the kernel, and every cell defines its functions and classes in
it. Pickle sends a function or class by reference, as `__main__.<name>`. Under the `spawn`
and `forkserver` start methods the child is a fresh interpreter that re-imports the parent's
main module to find such names — but the kernel's `__main__` is not a file that can be
imported, so the child's `__main__` has none of the notebook's definitions.

Python 3.11, ipykernel 7, `spawn` or `forkserver`, printed by each worker — in the terminal
that runs the kernel (or Jupyter's log), not in the notebook:

```text
AttributeError: Can't get attribute 'square' on <module '__main__' (built-in)>
```

What the notebook shows depends on the API:

- `multiprocessing.Pool`: every worker dies on its first task, the pool keeps starting new ones,
  and `pool.map` **never returns**: the cell runs forever.
- `ProcessPoolExecutor`: `concurrent.futures.process.BrokenProcessPool: A process in the process
  pool was terminated abruptly while the future was running or pending.`
- `Process(target=...)`: the cell finishes, the child exits with `exitcode` 1.

`spawn` is the default on macOS and Windows (so in most notebooks there), and on Linux from
Python 3.14 (`forkserver`). Under `fork` the child is a copy of the kernel, definitions
included, so it works.

Lambdas, nested functions and classes defined inside functions fail under every start method,
in a notebook as in a script: they are reported by MP001, MP002 and MP003.

## Example

```python
# cell 1
from multiprocessing import Pool


def square(x):
    return x * x

# cell 2
with Pool() as pool:
    print(pool.map(square, range(4)))
```

## Use instead

Define the function (or class) in a module file beside the notebook, and import it:

```python
# workers.py, beside the notebook
def square(x):
    return x * x
```

```python
# cell 1
from multiprocessing import Pool

from workers import square

# cell 2
with Pool() as pool:
    print(pool.map(square, range(4)))
```

The child imports `workers` as any module, and finds `square` there. Restart the kernel after
editing the module (or use `%autoreload`), as for any imported code.

## Fix safety

The quick fix moves the definition, with the imports it uses, into `<notebook>_workers.py`
beside the notebook (appended if that file exists, created otherwise) and puts
`from <notebook>_workers import <name>` in its place in the cell, so the other cells keep the
name. It is offered only for a definition at the top level of its cell when everything else it
uses (in its body, decorators, defaults, bases and annotations) is a builtin or a top-level
import of the notebook, which the module repeats: a variable or another definition of the
notebook would not exist in the module. The moved definition means the same, but it now lives
in a file the kernel imports once: save the new file, and restart the kernel (or use
`%autoreload`) after editing it. So the fix is not marked as preferred.

"""

from __future__ import annotations

from mp_lsp.engine.findings import ChainLink, LinkKind, Location
from mp_lsp.engine.rules.rule import PICKLING, Problem, Rule, Wording

RULE = Rule(
    code="MP010",
    name="notebook-definition",
    summary="a function or class defined in a notebook (the kernel's `__main__`) is sent",
    start_methods=(
        ("", PICKLING),
    ),
    wording=Wording(
        what="a {kind} (`{name}`) defined in a notebook cell, in the kernel's `__main__`",
        why="the spawn and forkserver children cannot find the notebook's `__main__` "
        "definitions (they never import the kernel's `__main__`)",
        fix="move the definition into a module file beside the notebook and import it",
    ),
    fixes=("move-to-module-file",),
    references=(
        ("Contexts and start methods",
         "https://docs.python.org/3/library/multiprocessing.html#contexts-and-start-methods"),
        ("Using a pool of workers (the note on interactive interpreters)",
         "https://docs.python.org/3/library/multiprocessing.html#using-a-pool-of-workers"),
    ),
    doc=__doc__,
)


def notebook_problem(
    kind: str, name: str, chain: tuple[ChainLink, ...], culprit: Location
) -> Problem:
    """The problem of a notebook's own function or class sent to another process."""
    link = ChainLink(LinkKind.DEFINITION, f"{kind} {name} in the notebook's __main__", culprit)
    return RULE.problem((*chain, link), culprit, PICKLING, kind=kind, name=name)
