"""Rows fetched with row_factory = sqlite3.Row are sent to the pool."""
import sqlite3
from multiprocessing import Pool


def greet(row):
    return f"hi {row['name']} ({row['age']})"


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    conn.execute("create table people (name text, age int)")
    conn.executemany("insert into people values (?, ?)", [("ann", 31), ("bo", 42)])
    rows = conn.execute("select name, age from people").fetchall()
    with Pool(2) as pool:
        print(pool.map(greet, rows))
