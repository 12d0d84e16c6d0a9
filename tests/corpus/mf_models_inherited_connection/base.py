import sqlite3


class Repository:
    def __init__(self, dsn=":memory:"):
        self.conn = sqlite3.connect(dsn)
