# The connection passed as an argument of each task: dill cannot pickle sqlite3.Connection.
import sqlite3

from multiprocess import Pool


def run_query(args):
    conn, query = args
    return conn.execute(query).fetchall()


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    with Pool(2) as pool:
        print(pool.map(run_query, [(conn, "SELECT 1"), (conn, "SELECT 2")]))
