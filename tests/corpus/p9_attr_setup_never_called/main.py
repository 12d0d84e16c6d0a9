"""A worker object has a connect() that would store a sqlite3 connection, but it is only called in the child."""
import sqlite3
from multiprocessing import Pool


class Loader:
    def __init__(self, dsn):
        self.dsn = dsn
        self.conn = None

    def connect(self):
        self.conn = sqlite3.connect(self.dsn)

    def load(self, n):
        if self.conn is None:
            self.connect()
        return self.conn.execute("select ?", (n,)).fetchone()[0]


def work(args):
    loader, n = args
    return loader.load(n)


if __name__ == "__main__":
    loader = Loader(":memory:")
    with Pool(2) as pool:
        print(pool.map(work, [(loader, 1), (loader, 2)]))
