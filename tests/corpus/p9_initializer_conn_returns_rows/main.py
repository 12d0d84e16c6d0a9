"""A Pool initializer opens a per-worker sqlite3 connection; the task returns fetchall()."""
import sqlite3
from multiprocessing import Pool

conn = None


def init_worker(n_rows):
    global conn
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (n int)")
    conn.executemany("insert into t values (?)", [(i,) for i in range(n_rows)])


def query(limit):
    return conn.execute("select n from t limit ?", (limit,)).fetchall()


if __name__ == "__main__":
    with Pool(2, initializer=init_worker, initargs=(5,)) as pool:
        print(pool.map(query, [2, 3]))
