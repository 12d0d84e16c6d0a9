# dask.delayed's default scheduler is the thread pool: the lock is shared, not pickled.
import threading

import dask

lock = threading.Lock()
seen = []


@dask.delayed
def record(x, lock):
    with lock:
        seen.append(x)
    return x


if __name__ == "__main__":
    total = dask.delayed(sum)([record(i, lock) for i in range(5)])
    print(total.compute(), sorted(seen))
