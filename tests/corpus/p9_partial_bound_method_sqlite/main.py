"""functools.partial of a bound method of a repository that holds a sqlite3 connection."""
import sqlite3
from functools import partial
from multiprocessing import Pool


class Repo:
    def __init__(self):
        self.conn = sqlite3.connect(":memory:")

    def enrich(self, suffix, name):
        return name + suffix


if __name__ == "__main__":
    repo = Repo()
    with Pool(2) as pool:
        print(pool.map(partial(repo.enrich, "!"), ["ann", "bo"]))
