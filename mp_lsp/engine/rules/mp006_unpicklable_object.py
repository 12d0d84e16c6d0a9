"""## What it does

Reports an object that can never be pickled — an open file, a `threading` lock / event /
condition / thread, a `sqlite3` connection or cursor, a generator, a coroutine, a module, a
frame, a `memoryview`, an `mmap`, ... — sent to another process, either directly or held inside
a container or an instance attribute. The diagnostic shows the path from the sent value to the
culprit; for the example below:

```text
jobs -> [item] -> .conn -> sqlite3.Connection
```

A class that defines `__getstate__`, `__reduce__` or `__reduce_ex__` is read for what it
really returns; one whose method always raises (`h5py.File`-like handles write
`raise TypeError("... cannot be pickled")`) is reported with that error.

## Why is this bad?

These objects wrap state that only means something inside the current process (a file
descriptor, an OS lock, a running frame), so their types refuse to be pickled. Pickling an
instance pickles its `__dict__`, so one bad attribute makes the whole object unpicklable.

Python 3.11, any start method:

```text
TypeError: cannot pickle 'sqlite3.Connection' object
```

Other types give the same kind of message, e.g. `cannot pickle '_io.TextIOWrapper' object`
(open text file), `cannot pickle '_thread.lock' object` (`threading.Lock`, and also `Event`
and `Thread`, which hold one), `cannot pickle 'generator' object`, `cannot pickle 'module'
object`, `cannot pickle memoryview objects`.

## Example

```python
import sqlite3
from multiprocessing import Pool


class Job:
    def __init__(self, db_path, row_id):
        self.row_id = row_id
        self.conn = sqlite3.connect(db_path)


def run_job(job):
    return job.conn.execute("select ?", (job.row_id,)).fetchone()


if __name__ == "__main__":
    jobs = [Job(":memory:", i) for i in range(3)]
    with Pool() as pool:
        print(pool.map(run_job, jobs))
```

## Use instead

Send what is needed to *recreate* the resource (a path, a URL, a file name) and open it in the
worker — per task, or once per worker with a pool `initializer`:

```python
import sqlite3
from multiprocessing import Pool


class Job:
    def __init__(self, db_path, row_id):
        self.db_path = db_path
        self.row_id = row_id


def run_job(job):
    with sqlite3.connect(job.db_path) as conn:
        return conn.execute("select ?", (job.row_id,)).fetchone()


if __name__ == "__main__":
    jobs = [Job(":memory:", i) for i in range(3)]
    with Pool() as pool:
        print(pool.map(run_job, jobs))
```

Alternatively give the class a `__getstate__`/`__setstate__` pair that drops the resource and
reopens it.

Note: `socket.socket` objects are *not* in this list. `multiprocessing` registers its own
reducer for sockets (it duplicates the file descriptor into the child), so on Python 3.11 a
socket passed to a `Pool` or `ProcessPoolExecutor` task arrives in the worker intact, even though
plain `pickle.dumps(sock)` raises `TypeError: cannot pickle 'socket' object`.

## Fix safety

When the culprit is an attribute that a class assigns in its own method (`self.conn =
sqlite3.connect(path)`), the quick fix adds `__getstate__`, which leaves the attribute out, and
`__setstate__`, which rebuilds it in the child from the same right-hand side, reading each
constructor parameter back from the attribute of the same name. It is not offered when the
value depends on anything else (a local, a parameter that is not kept), because setting the
attribute to `None` would only move the failure to the worker. The worker then opens its own
resource (a new connection, a new file handle): review that this is what the program means.

"""

from __future__ import annotations

from mp_lsp.engine.rules.rule import ALL, PICKLING, Rule, Wording

RULE = Rule(
    code="MP006",
    name="unpicklable-object",
    summary='an object that never pickles (file, lock, sqlite3 connection, generator, ...) is sent',
    start_methods=(
        ("`Pool` / `ProcessPoolExecutor` task", ALL),
        ("`Process(args=...)`", PICKLING),
    ),
    start_methods_note=(
        'Under `fork`, `Process` arguments are inherited rather than pickled (whether an inherited '
        'file or connection is *safe* to use in the child is another matter).'
    ),
    wording=Wording(
        what="{article}",
        why="{serializer} refuses it (`{error}`)",
        fix="{advice}",
    ),
    variants=(
        ("refuses", Wording(
            what="an instance of `{name}`",
            why="its `{method}` raises `{error}`, which pickle calls to send it",
            fix="send what the object is made from (a path, a name) and make it in the worker",
        )),
        ("module", Wording(
            what="the module `{name}`",
            why="modules cannot be pickled",
            fix="import the module in the worker and send only data",
        )),
    ),
    fixes=('add-getstate',),
    step="reduce (the value's type refuses to be pickled)",
    doc=__doc__,
)
