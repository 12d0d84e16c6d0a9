# The connection is made inside the actor from a path: only a string crosses.
import os
import sqlite3
import tempfile

import ray


@ray.remote
class Writer:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)
        self.conn.execute("CREATE TABLE IF NOT EXISTS t (x)")

    def write(self, row):
        self.conn.execute("INSERT INTO t VALUES (?)", (row,))
        self.conn.commit()
        return self.conn.execute("SELECT COUNT(*) FROM t").fetchone()[0]


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    with tempfile.TemporaryDirectory() as d:
        w = Writer.remote(os.path.join(d, "rows.db"))
        print(ray.get([w.write.remote(i) for i in range(3)]))
        ray.kill(w)
    ray.shutdown()
