# Shape of https://github.com/nalepae/pandarallel/issues/206 (cannot pickle
# 'sqlite3.Connection'): the database connection goes along with every query.
import sqlite3

from joblib import Parallel, delayed


def count_rows(conn, table):
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE a (x)")
    conn.execute("CREATE TABLE b (x)")
    print(Parallel(n_jobs=2)(delayed(count_rows)(conn, t) for t in ("a", "b")))
