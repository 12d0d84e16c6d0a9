# scheduler="sync" runs every task in this thread: the connection is used in place.
import sqlite3

import dask


@dask.delayed
def count(conn, table):
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE a (x)")
    print(dask.compute(count(conn, "a"), scheduler="sync"))
