"""A Pool initializer opens a per-worker sqlite3 connection; the task returns the cursor."""
import sqlite3
from multiprocessing import Pool

conn = None


def init_worker():
    global conn
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (n int)")
    conn.executemany("insert into t values (?)", [(i,) for i in range(5)])


def query(limit):
    return conn.execute("select n from t limit ?", (limit,))


if __name__ == "__main__":
    with Pool(2, initializer=init_worker) as pool:
        for cur in pool.map(query, [2, 3]):
            print(cur.fetchall())
