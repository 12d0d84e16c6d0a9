# delayed over a bound method, computed with scheduler="processes": the method carries its
# instance, and the instance holds a sqlite3 connection, which cloudpickle cannot pickle.
# Same family as https://github.com/dask/dask/issues/5650 ("can't pickle SSLContext objects":
# a client object reached through the task).
import sqlite3

import dask


class Repository:
    def __init__(self):
        self.conn = sqlite3.connect(":memory:")

    def transform(self, x):
        return x + 1


if __name__ == "__main__":
    repo = Repository()
    tasks = [dask.delayed(repo.transform)(i) for i in range(4)]
    print(dask.compute(*tasks, scheduler="processes", num_workers=2))
