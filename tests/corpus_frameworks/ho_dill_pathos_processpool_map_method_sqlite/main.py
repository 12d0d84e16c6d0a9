# Based on https://github.com/uqfoundation/pathos/issues/262 ("Pathos still giving pickle
# error": dill cannot pickle an extension object held by the instance). Here the instance whose
# bound method is mapped holds a sqlite3 connection, which dill cannot pickle either.
import sqlite3

from pathos.pools import ProcessPool


class Lookup:
    def __init__(self):
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("create table t (k integer, v text)")
        self.conn.executemany("insert into t values (?, ?)", [(i, str(i)) for i in range(5)])

    def label(self, k):
        return f"item-{k}"

    def run(self, keys):
        pool = ProcessPool(nodes=2)
        try:
            return pool.map(self.label, keys)
        finally:
            pool.close()
            pool.join()
            pool.clear()


if __name__ == "__main__":
    print(Lookup().run(range(5)))
