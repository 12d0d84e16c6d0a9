# Parsing log lines with a dask bag (processes scheduler by default): the mapped function
# returns the re.Match objects themselves, which must be pickled to come back and cannot be.
import re

import dask.bag as db

LINE = re.compile(r"(?P<level>[A-Z]+) (?P<msg>.*)")


def parse(line):
    return LINE.match(line)


if __name__ == "__main__":
    lines = ["INFO started", "WARN disk low", "ERROR failed"]
    matches = db.from_sequence(lines, npartitions=2).map(parse).compute()
    print([m.group("level") for m in matches])
