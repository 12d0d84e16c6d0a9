"""Count the rows of several tables in parallel.

Expected: MP006 (error) — each Job holds a sqlite3 connection, so pool.map cannot pickle it:
    jobs -> [item] -> .conn -> sqlite3.Connection
"""

import sqlite3
from multiprocessing import Pool

from models import Job

DB_PATH = "etl_example.sqlite3"
TABLES = ["customers", "orders", "invoices"]


def process(job):
    return job.table, job.row_count()


def setup():
    with sqlite3.connect(DB_PATH) as conn:
        for table in TABLES:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY)")


def main():
    setup()
    jobs = [Job(DB_PATH, table) for table in TABLES]
    with Pool() as pool:
        for table, count in pool.map(process, jobs):
            print(f"{table}: {count} rows")


if __name__ == "__main__":
    main()
