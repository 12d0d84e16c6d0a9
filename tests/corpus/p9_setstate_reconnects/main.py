"""A repository drops its sqlite3 connection in __getstate__ and reconnects in __setstate__."""
import sqlite3
from multiprocessing import Pool


class Repo:
    def __init__(self, dsn=":memory:"):
        self.dsn = dsn
        self.conn = sqlite3.connect(dsn)

    def __getstate__(self):
        return {"dsn": self.dsn}

    def __setstate__(self, state):
        self.dsn = state["dsn"]
        self.conn = sqlite3.connect(self.dsn)

    def square(self, n):
        return self.conn.execute("select ? * ?", (n, n)).fetchone()[0]


def work(args):
    repo, n = args
    return repo.square(n)


if __name__ == "__main__":
    repo = Repo()
    with Pool(2) as pool:
        print(pool.map(work, [(repo, 3), (repo, 4)]))
