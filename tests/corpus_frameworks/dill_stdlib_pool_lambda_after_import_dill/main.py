# Importing dill does not make the standard library's multiprocessing use it: the stdlib
# Pool still pickles with pickle, so the lambda fails there.
import multiprocessing

import dill  # noqa: F401

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(lambda x: x + 1, range(3)))
