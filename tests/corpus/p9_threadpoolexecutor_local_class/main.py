"""ThreadPoolExecutor is given a bound method of a local class holding a sqlite3 connection."""
import sqlite3
from concurrent.futures import ThreadPoolExecutor


def main():
    class Repo:
        def __init__(self):
            self.conn = sqlite3.connect(":memory:", check_same_thread=False)

        def square(self, n):
            return self.conn.execute("select ? * ?", (n, n)).fetchone()[0]

    repo = Repo()
    with ThreadPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(repo.square, [2, 3])))


if __name__ == "__main__":
    main()
