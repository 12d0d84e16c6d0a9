# Shape of https://github.com/ray-project/ray/issues/8516 and joblib's "Could not pickle the
# task to send it to the workers": a threading lock passed along with each task.
import threading

from joblib import Parallel, delayed


def write_row(lock, row):
    with lock:
        return ",".join(map(str, row))


if __name__ == "__main__":
    lock = threading.Lock()
    rows = [(1, 2), (3, 4), (5, 6)]
    print(Parallel(n_jobs=2)(delayed(write_row)(lock, r) for r in rows))
