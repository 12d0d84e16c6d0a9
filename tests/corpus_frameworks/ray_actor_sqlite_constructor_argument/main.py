# Shape of https://github.com/modin-project/modin/issues/729 (a database connection handed
# to ray): an actor constructed with an open sqlite connection.
import sqlite3

import ray


@ray.remote
class Writer:
    def __init__(self, conn):
        self.conn = conn

    def write(self, row):
        self.conn.execute("INSERT INTO t VALUES (?)", (row,))
        return row


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    w = Writer.remote(conn)
    print(ray.get(w.write.remote(1)))
    ray.shutdown()
