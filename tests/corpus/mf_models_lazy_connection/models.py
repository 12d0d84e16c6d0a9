import sqlite3


class UserRepo:
    """Connects lazily inside whichever process uses it."""

    def __init__(self, dsn, table):
        self.dsn = dsn
        self.table = table
        self._conn = None

    @property
    def conn(self):
        if self._conn is None:
            self._conn = sqlite3.connect(self.dsn)
        return self._conn
