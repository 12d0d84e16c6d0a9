# pathos ThreadPool looks like ProcessPool but runs in threads: the connection never crosses.
import sqlite3

from pathos.pools import ThreadPool

if __name__ == "__main__":
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(5)])
    pool = ThreadPool(nodes=2)
    print(pool.map(lambda k: conn.execute("SELECT COUNT(*) FROM t WHERE x > ?", (k,)).fetchone(),
                   range(3)))
    pool.close()
    pool.join()
    pool.clear()
