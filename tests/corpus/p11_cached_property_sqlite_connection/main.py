"""A cached_property opens a sqlite3 connection; the parent touches it while setting up, then a bound method goes to Pool.map (https://github.com/uqfoundation/multiprocess/issues/124)."""
import os
import sqlite3
import tempfile
from functools import cached_property
from multiprocessing import Pool


class OrderStore:
    def __init__(self, path):
        self.path = path

    @cached_property
    def db(self):
        return sqlite3.connect(self.path)

    def seed(self, rows):
        self.db.execute("create table if not exists orders (region text, amount real)")
        self.db.executemany("insert into orders values (?, ?)", rows)
        self.db.commit()

    def total_for(self, region):
        (total,) = self.db.execute(
            "select coalesce(sum(amount), 0) from orders where region = ?", (region,)
        ).fetchone()
        return region, total


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "orders.db")
    store = OrderStore(path)
    store.seed([("north", 10.0), ("south", 4.5), ("north", 2.5)])
    with Pool(2) as pool:
        print(pool.map(store.total_for, ["north", "south"]))
