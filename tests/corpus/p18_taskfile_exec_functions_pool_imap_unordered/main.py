"""`prun`: a make-like runner that loads a task file and fans every task's
inputs out over a process pool.

Modelled on https://github.com/prompt-toolkit/ptpython/issues/193 (code run by
ptpython is executed in a namespace dict that is not the real __main__ module, so
pool.imap_unordered(do, ...) fails with "Can't pickle <function do>: attribute
lookup do on __main__ failed").

What fails: load_taskfile() exec()s tasks_file.py into a fresh dict whose
__name__ is "__main__", so the task functions claim to live in __main__ but are
not attributes of the real main module.  Functions pickle by reference, so
imap_unordered cannot send them (PicklingError, under every start method).
"""
import multiprocessing
import os
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))


@dataclass
class Task:
    name: str
    func: object
    inputs: list = field(default_factory=list)


def load_taskfile(path):
    registry = []

    def task(inputs=()):
        def register(func):
            registry.append(Task(func.__name__, func, list(inputs)))
            return func
        return register

    namespace = {"__name__": "__main__", "__file__": path, "task": task}
    with open(path, encoding="utf-8") as fh:
        code = compile(fh.read(), path, "exec")
    exec(code, namespace)
    return registry


def run_all(tasks, processes=2):
    results = {}
    with multiprocessing.Pool(processes) as pool:
        for t in tasks:
            results[t.name] = sorted(pool.imap_unordered(t.func, t.inputs, chunksize=2))
    return results


def main():
    tasks = load_taskfile(os.path.join(HERE, "tasks_file.py"))
    for name, rows in run_all(tasks).items():
        print(name)
        for key, value in rows:
            print(f"  {key!r:35} {value}")


if __name__ == "__main__":
    main()
