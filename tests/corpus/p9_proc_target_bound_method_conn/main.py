"""A Process target is the bound method of a writer that holds a sqlite3 connection."""
import multiprocessing as mp
import sqlite3
import sys


class AuditWriter:
    def __init__(self):
        self.conn = sqlite3.connect(":memory:")
        self.table = "audit"

    def drain(self, n):
        print(f"draining {n} rows into {self.table}")


if __name__ == "__main__":
    writer = AuditWriter()
    p = mp.Process(target=writer.drain, args=(3,))
    p.start()
    p.join()
    sys.exit(p.exitcode)
