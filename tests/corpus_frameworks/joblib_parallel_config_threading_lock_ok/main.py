# with parallel_config(backend="threading"): the Parallel call inside uses threads.
import threading

from joblib import Parallel, delayed, parallel_config


def guarded(lock, x):
    with lock:
        return x + 1


if __name__ == "__main__":
    lock = threading.RLock()
    with parallel_config(backend="threading", n_jobs=2):
        print(Parallel()(delayed(guarded)(lock, i) for i in range(5)))
