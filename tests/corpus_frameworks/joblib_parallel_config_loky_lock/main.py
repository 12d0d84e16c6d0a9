# Shape of https://github.com/joblib/joblib/issues/729 (delayed(self.method) failing with
# "Could not pickle the task to send it to the workers"):
# parallel_config(backend="loky") with a lock held by the object whose method is mapped.
import threading

from joblib import Parallel, delayed, parallel_config


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.seen = 0

    def visit(self, x):
        with self.lock:
            self.seen += 1
        return x


if __name__ == "__main__":
    c = Counter()
    with parallel_config(backend="loky", n_jobs=2):
        print(Parallel()(delayed(c.visit)(i) for i in range(4)))
