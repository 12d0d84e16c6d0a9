"""A repository class whose __reduce__ reconnects by path instead of pickling the connection (fine)."""
import sqlite3
from concurrent.futures import ProcessPoolExecutor


class Repo:
    def __init__(self, dsn):
        self.dsn = dsn
        self.conn = sqlite3.connect(dsn)

    def __reduce__(self):
        return (Repo, (self.dsn,))

    def ping(self):
        return self.conn.execute("select 1").fetchone()[0]


def check(repo):
    return repo.ping()


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(check, Repo(":memory:")).result())
