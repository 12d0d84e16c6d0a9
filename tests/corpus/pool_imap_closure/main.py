"""Parse CSV lines with a parser produced by a factory (closure)."""
from multiprocessing import Pool

LINES = ["1,alice,30", "2,bob,25", "3,carol,41"]


def make_parser(sep):
    def parse(line):
        return line.split(sep)

    return parse


if __name__ == "__main__":
    parser = make_parser(",")
    with Pool(2) as pool:
        for row in pool.imap(parser, LINES):
            print(row)
