"""Parse CSV lines with functools.partial of a module-level function (fine)."""
import functools
from multiprocessing import Pool

LINES = ["1,alice,30", "2,bob,25", "3,carol,41"]


def parse(line, sep):
    return line.split(sep)


if __name__ == "__main__":
    with Pool(2) as pool:
        for row in pool.imap(functools.partial(parse, sep=","), LINES):
            print(row)
