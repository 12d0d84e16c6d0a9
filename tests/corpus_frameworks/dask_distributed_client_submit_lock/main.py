# Shape of https://github.com/dask/distributed/issues/4464 (Client.submit of a function
# using a connection), with a lock: Client(processes=True) pickles what it submits.
import threading

from distributed import Client


def guarded_add(lock, a, b):
    with lock:
        return a + b


if __name__ == "__main__":
    with Client(processes=True, n_workers=1, threads_per_worker=1,
                dashboard_address=None) as client:
        lock = threading.Lock()
        print(client.submit(guarded_add, lock, 1, 2).result(timeout=30))
