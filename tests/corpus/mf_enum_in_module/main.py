"""Enum members from status.py as task args and results (fine)."""
from multiprocessing import Pool

from status import Status


def advance(s):
    return Status.DONE if s is Status.NEW else s


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(advance, [Status.NEW, Status.DONE]))
