"""The job objects of the ETL example: each job keeps its own database connection."""

import sqlite3


class Job:
    """Copy one table's rows into a summary."""

    def __init__(self, db_path, table):
        self.table = table
        self.conn = sqlite3.connect(db_path)

    def row_count(self):
        return self.conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0]
