"""Pass a multiprocessing.RLock as a task argument."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def critical(lock, name):
    with lock:
        return name.upper()


if __name__ == "__main__":
    lock = mp.RLock()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(critical, lock, "job").result())
