import sqlite3

_conn = None


def init_worker(dsn):
    global _conn
    _conn = sqlite3.connect(dsn)


def lookup(n):
    return _conn.execute("select ?", (n,)).fetchone()[0]
