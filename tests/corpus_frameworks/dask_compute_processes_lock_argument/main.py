# Shape of https://github.com/superlinear-ai/graphchain/issues/87 ("cannot pickle
# '_thread.RLock' object" once the sync scheduler is dropped): a lock inside a task's input.
import threading

import dask


class CachedComputation:
    def __init__(self, fn):
        self.fn = fn
        self.lock = threading.RLock()

    def __call__(self, x):
        with self.lock:
            return self.fn(x)


def square(x):
    return x * x


if __name__ == "__main__":
    cached = CachedComputation(square)
    tasks = [dask.delayed(cached)(i) for i in range(3)]
    print(dask.compute(*tasks, scheduler="processes", num_workers=2))
