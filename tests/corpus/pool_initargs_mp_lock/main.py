"""Share a multiprocessing.Lock with pool workers through initargs (fine)."""
import multiprocessing as mp

_lock = None


def init(lock):
    global _lock
    _lock = lock


def append_line(line):
    with _lock:
        return line.upper()


if __name__ == "__main__":
    with mp.Pool(2, initializer=init, initargs=(mp.Lock(),)) as pool:
        print(pool.map(append_line, ["a", "b", "c"]))
