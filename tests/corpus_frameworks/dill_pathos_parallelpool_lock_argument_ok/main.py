# After https://github.com/uqfoundation/pathos/issues/199 (ParallelPool: pp pickles the
# arguments with dill):
# pathos ParallelPool (ppft servers started as subprocesses) ships the function by its
# source and the arguments with dill, which pickles the lock.
import threading

from pathos.pools import ParallelPool

lock = threading.Lock()


def guarded(args):
    lk, x = args
    with lk:
        return x * x


if __name__ == "__main__":
    pool = ParallelPool(nodes=2)
    print(pool.map(guarded, [(lock, i) for i in range(3)]))
    pool.close()
    pool.join()
    pool.clear()
