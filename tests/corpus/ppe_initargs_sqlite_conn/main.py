"""Hand every worker the parent's sqlite3 connection via initargs."""
import sqlite3
from concurrent.futures import ProcessPoolExecutor

_db = None


def init(db):
    global _db
    _db = db


def lookup(key):
    return key.upper()


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    with ProcessPoolExecutor(max_workers=2, initializer=init, initargs=(conn,)) as ex:
        print(list(ex.map(lookup, ["a", "b"])))
