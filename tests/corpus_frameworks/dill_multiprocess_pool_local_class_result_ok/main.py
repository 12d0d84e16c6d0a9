# The workers return instances of a class defined inside a function; dill pickles such
# classes by value, so the results come back.
from multiprocess import Pool


def parse(line):
    class Row:
        def __init__(self, cells):
            self.cells = cells

    return Row(line.split(","))


if __name__ == "__main__":
    with Pool(2) as pool:
        print([r.cells for r in pool.map(parse, ["a,b", "c,d"])])
