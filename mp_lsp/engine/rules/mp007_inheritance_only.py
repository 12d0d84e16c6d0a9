"""## What it does

Reports a `multiprocessing` synchronization primitive or shared object — `Lock`, `RLock`,
`Semaphore`, `Queue`, `Value`, `Array` (from `multiprocessing` or a context) — passed as an
argument of a `Pool` or `ProcessPoolExecutor` task.

## Why is this bad?

These objects wrap OS resources (semaphores, pipes, shared memory) that can be handed to a child
only while it is being created. Pool and executor workers already exist when a task is sent, so
`multiprocessing` refuses to pickle them into a task.

Python 3.11, any start method:

```text
RuntimeError: Lock objects should only be shared between processes through inheritance
```

A `Queue` says `Queue objects should only be ...`, a `Value`/`Array` says
`Synchronized objects should only be ...`.

Passing them to `Process(args=...)` or through a pool's `initargs` is correct and is not
reported.

## Example

```python
import multiprocessing as mp


def work(args):
    lock, n = args
    with lock:
        return n * n


if __name__ == "__main__":
    lock = mp.Lock()
    with mp.Pool() as pool:
        print(pool.map(work, [(lock, n) for n in range(4)]))
```

## Use instead

Hand the object to each worker once, through the pool initializer:

```python
import multiprocessing as mp

_lock = None


def init(lock):
    global _lock
    _lock = lock


def work(n):
    with _lock:
        return n * n


if __name__ == "__main__":
    lock = mp.Lock()
    with mp.Pool(initializer=init, initargs=(lock,)) as pool:
        print(pool.map(work, range(4)))
```

Or use the `Manager()` equivalent, whose proxies can be sent with each task:

```python
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def work(lock, n):
    with lock:
        return n * n


if __name__ == "__main__":
    with mp.Manager() as manager:
        lock = manager.Lock()
        with ProcessPoolExecutor() as executor:
            futures = [executor.submit(work, lock, n) for n in range(4)]
            print([f.result() for f in futures])
```

## Fix safety

For a `name = multiprocessing.Lock()` (or a context's) in the function that sends it, the quick
fix creates the object from a `Manager()` started just before it. Manager proxies have the same
methods, so the program keeps working; the fix is safe, though each operation then makes a round
trip to the manager's process, which is slower.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, NONE, Rule, Wording

RULE = Rule(
    code="MP007",
    name="inheritance-only",
    summary='a multiprocessing lock, queue or shared value is sent to a pool task',
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task", ALL),
        ("`Process(args=...)`, `initargs`", NONE),
    ),
    wording=Wording(
        what="{article}",
        why="multiprocessing refuses it outside process start (`{error}`)",
        fix="{advice}",
    ),
    fixes=('use-manager',),
    step='reduce (multiprocessing refuses it outside process start)',
    doc=__doc__,
)
