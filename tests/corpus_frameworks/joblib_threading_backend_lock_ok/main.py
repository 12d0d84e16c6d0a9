# A lock shared by the tasks looks like it cannot cross to workers, but the threading
# backend runs them in threads of this process: nothing is pickled.
import threading

from joblib import Parallel, delayed

totals = {"n": 0}


def add(lock, k):
    with lock:
        totals["n"] += k
    return k


if __name__ == "__main__":
    lock = threading.Lock()
    Parallel(n_jobs=2, backend="threading")(delayed(add)(lock, k) for k in range(10))
    print(totals)
