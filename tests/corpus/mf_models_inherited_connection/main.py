"""A repo whose sqlite connection comes from a base class in another file."""
from concurrent.futures import ProcessPoolExecutor

from models import UserRepo


def table_name(repo):
    return repo.table


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(table_name, UserRepo("users")).result())
