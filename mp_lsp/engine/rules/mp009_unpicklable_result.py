"""## What it does

Reports a worker function, run by a `Pool` or `ProcessPoolExecutor`, that returns a value that
cannot be pickled: a generator, a lambda or local function, a lock, an open file, ... It also
reports an exception the worker raises, outside any `try` that may catch it, that the parent
cannot rebuild from its `args`: a class of the workspace whose `__init__` needs more than it
hands to `super().__init__()`, or a library's that the serializer was seen to fail on
(urllib's `HTTPError`, `xmlrpc.client.ProtocolError`: the generated tables).

## Why is this bad?

The return value travels back to the parent by pickle. The task itself succeeds, then sending
its result fails, and the error surfaces in the parent where the result is collected.

Python 3.11, any start method, `multiprocessing.Pool`:

```text
multiprocessing.pool.MaybeEncodingError: Error sending result: '[<generator object read_lines.<locals>.<genexpr> at 0x...>]'. Reason: 'TypeError("cannot pickle 'generator' object")'
```

With `ProcessPoolExecutor`, `future.result()` re-raises the pickling error itself, e.g.
`TypeError: cannot pickle '_thread.lock' object` for a worker that returns a `threading.Lock`.

## Example

```python
from multiprocessing import Pool


def read_lines(path):
    with open(path) as f:
        return (line.rstrip() for line in f.readlines())


if __name__ == "__main__":
    with Pool() as pool:
        print(pool.map(read_lines, [__file__]))
```

## Use instead

Return plain data — here, materialize the generator into a list:

```python
from multiprocessing import Pool


def read_lines(path):
    with open(path) as f:
        return [line.rstrip() for line in f.readlines()]


if __name__ == "__main__":
    with Pool() as pool:
        print(pool.map(read_lines, [__file__]))
```

## Fix safety

No quick fix: what a worker should return instead depends on what the caller does with it.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, Rule, Wording

RULE = Rule(
    code="MP009",
    name="unpicklable-result",
    summary='a worker returns a value that cannot be pickled',
    start_methods=(
        ("", ALL),
    ),
    start_methods_note=(
        'Results are always pickled, whatever the start method.'
    ),
    variants=(
        ("coroutine", Wording(
            what="a coroutine",
            why="calling the `async def` function `{name}` only creates a coroutine, and pickle "
            "refuses it (`TypeError: cannot pickle 'coroutine' object`)",
            fix="send a plain function that runs it: `def run(x): return asyncio.run({name}(x))`",
        )),
        ("generator", Wording(
            what="a generator",
            why="a generator's suspended frame cannot be pickled",
            fix="return a list (or the data) instead of yielding",
        )),
        ("exception", Wording(
            what="an exception `{name}` that cannot be rebuilt",
            why="the parent rebuilds exceptions as `{name}(*self.args)`: {detail}",
            fix="pass every __init__ argument to super().__init__(...), or define __reduce__",
        )),
        ("library_exception", Wording(
            what="a `{name}` exception",
            why="an exception travels back pickled, to be rebuilt from its args, and "
            "{serializer} fails on this one (`{error}`)",
            fix="catch it in the worker and raise an exception that keeps its message in its "
            "args (`RuntimeError(str(error))`), or return what the parent needs",
        )),
        ("library_exception_keywords", Wording(
            what="a `{name}` exception built with keyword arguments",
            why="it is rebuilt as `{name}(*self.args)`, and `args` keeps only the {given} "
            "positional arguments of the call, where it needs {required}; pickle's rebuild of "
            "one built by keyword fails (`{error}`)",
            fix="pass its arguments by position",
        )),
    ),
    message="`{sent}` sends back {what}, which `{sink}` cannot pickle back to the parent: {why}",
    noqa_line='the line that sends the task',
    references=(
        ("Pickling class instances",
         "https://docs.python.org/3/library/pickle.html#pickling-class-instances"),
    ),
    step='the result, pickled back to the parent',
    doc=__doc__,
)
