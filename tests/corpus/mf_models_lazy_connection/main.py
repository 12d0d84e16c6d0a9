"""A repo that connects lazily in the worker; nothing unpicklable is sent (fine)."""
from concurrent.futures import ProcessPoolExecutor

from models import UserRepo


def count_tables(repo):
    return repo.conn.execute("select count(*) from sqlite_master").fetchone()[0]


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(count_tables, UserRepo(":memory:", "users")).result())
