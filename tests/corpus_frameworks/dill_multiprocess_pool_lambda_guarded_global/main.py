# Shape of https://github.com/uqfoundation/pathos/issues/186 ("can pathos deal with mysql
# objects?" - "I have the same with SQLite"). dill sends the lambda by value but looks its
# globals up in __main__ on the other side: a child that was not forked re-imports the
# script as __mp_main__, where the guarded `conn` was never defined.
import sqlite3

from multiprocess import Pool

if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    with Pool(2) as pool:
        print(pool.map(lambda q: conn.execute(q).fetchall(), ["SELECT 1", "SELECT 2"]))
