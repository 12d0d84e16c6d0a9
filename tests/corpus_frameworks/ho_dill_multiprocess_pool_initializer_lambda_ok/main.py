# multiprocess.Pool with a lambda initializer that closes over a threading.Lock and a local
# dict, and a lambda mapped function: under spawn dill pickles the Process objects (lambda,
# closure, lock); under fork nothing is pickled but the tasks. Works either way.
import threading

import multiprocess as mp


def main():
    lock = threading.Lock()
    settings = {"scale": 3}
    pool = mp.Pool(2, initializer=lambda: lock.acquire(False) or settings.update(ready=True))
    try:
        print(pool.map(lambda x: x * settings["scale"], range(6)))
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
