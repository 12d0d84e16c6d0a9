# A threading.Lock in the task arguments: dill pickles locks (as new, unlocked locks).
import threading

from multiprocess import Pool


def work(args):
    lock, x = args
    with lock:
        return x + 1


if __name__ == "__main__":
    lock = threading.Lock()
    with Pool(2) as pool:
        print(pool.map(work, [(lock, i) for i in range(4)]))
