# The lambda crosses by value under loky, and so do the globals it reads: here a lock.
import threading

from joblib import Parallel, delayed

print_lock = threading.Lock()


def run(task, x):
    return task(x)


if __name__ == "__main__":
    def log_and_double(x):
        with print_lock:
            return 2 * x

    print(Parallel(n_jobs=2)(delayed(run)(log_and_double, i) for i in range(4)))
