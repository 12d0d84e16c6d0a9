import sqlite3

_conn = None


def connect():
    return sqlite3.connect(":memory:")


def init_worker(conn):
    global _conn
    _conn = conn


def lookup(n):
    return n
