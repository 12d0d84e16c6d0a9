# The task is fine; the return value is not: each worker builds a small cache object that
# holds a threading.Lock, and loky must pickle the result to send it back.
import threading

from joblib import Parallel, delayed, parallel_config


class Shard:
    def __init__(self, idx):
        self.idx = idx
        self.rows = list(range(idx * 3, idx * 3 + 3))
        self.lock = threading.Lock()


def build_shard(idx):
    return Shard(idx)


if __name__ == "__main__":
    with parallel_config(backend="loky", n_jobs=2):
        shards = Parallel()(delayed(build_shard)(i) for i in range(4))
    print([s.rows for s in shards])
