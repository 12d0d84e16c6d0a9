"""Pass a shared Value counter as a task argument."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def bump(counter):
    with counter.get_lock():
        counter.value += 1
    return counter.value


if __name__ == "__main__":
    counter = mp.Value("i", 0)
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(bump, counter).result())
