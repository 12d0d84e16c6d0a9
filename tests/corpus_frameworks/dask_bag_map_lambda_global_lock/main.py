# Shape of https://github.com/dask/distributed/issues/2366 ("can't pickle thread.lock
# objects" from cloudpickle.dumps of the function):
# dask.bag's default scheduler is the process pool: the lambda goes by value, and with it
# the module-level lock it uses.
import threading

import dask.bag as db

write_lock = threading.Lock()


def main():
    b = db.from_sequence(range(8), npartitions=2)
    out = b.map(lambda x: (write_lock.locked(), x * 2)).compute()
    print(out)


if __name__ == "__main__":
    main()
