"""Pass a sqlite3 connection through Process kwargs."""
import sqlite3
import sys
from multiprocessing import Process


def vacuum(db=None):
    db.execute("select 1")


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    p = Process(target=vacuum, kwargs={"db": conn})
    p.start()
    p.join()
    sys.exit(p.exitcode)
