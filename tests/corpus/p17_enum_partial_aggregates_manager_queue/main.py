"""Metric roll-up workers fed through a Manager queue.

Modelled on https://github.com/ionelmc/python-tblib/issues/18
("Unpickling throws ValueError" for `class MyEnum(Enum): MY_CONSTANT =
partial(my_function)`).

What fails: Enum members pickle *by value* in 3.11: Aggregate.SUM reduces to
(Aggregate, (partial(reduce, operator.add),)).  Pickling succeeds, but the
receiving side rebuilds the member with Aggregate(<new partial>), and partial
objects only compare equal to themselves, so the lookup fails:
"ValueError: functools.partial(<built-in function reduce>, ...) is not a valid
Aggregate".  Here the manager process unpickles the jobs.put() request, and the
parent gets the error back as a RemoteError (all start methods).
"""
import multiprocessing as mp

from aggregates import Aggregate

METRICS = {
    "orders": ("sum", [3, 5, 8, 13]),
    "growth": ("product", [1.02, 1.05, 0.98]),
    "latency_ms": ("max", [120, 340, 95, 210]),
}


def rollup_worker(jobs, results):
    while True:
        item = jobs.get()
        if item is None:
            break
        name, agg, values = item
        results.put((name, agg.name, agg(values)))


def run_rollups(metrics, n_workers=2):
    with mp.Manager() as manager:
        jobs, results = manager.Queue(), manager.Queue()
        workers = [mp.Process(target=rollup_worker, args=(jobs, results)) for _ in range(n_workers)]
        for w in workers:
            w.start()
        try:
            for name, (agg_name, values) in metrics.items():
                jobs.put((name, Aggregate.from_config(agg_name), values))
        finally:
            for _ in workers:
                jobs.put(None)
            for w in workers:
                w.join(timeout=10)
        return sorted(results.get() for _ in range(results.qsize()))


if __name__ == "__main__":
    for name, agg, value in run_rollups(METRICS):
        print(f"{name:<11} {agg:<8} {value}")
