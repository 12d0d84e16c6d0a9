"""Share a Value counter through initargs (fine)."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

_counter = None


def init(counter):
    global _counter
    _counter = counter


def bump(_):
    with _counter.get_lock():
        _counter.value += 1


if __name__ == "__main__":
    counter = mp.Value("i", 0)
    with ProcessPoolExecutor(max_workers=2, initializer=init, initargs=(counter,)) as ex:
        list(ex.map(bump, range(4)))
    print(counter.value)
