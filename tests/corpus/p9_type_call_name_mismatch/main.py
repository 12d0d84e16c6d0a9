"""A record class is built with type() under a different name; instances go to Pool.map."""
from multiprocessing import Pool


def _init(self, name, size):
    self.name = name
    self.size = size


Record = type("DynamicRecord", (object,), {"__init__": _init})


def describe(rec):
    return f"{rec.name}:{rec.size}"


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(describe, [Record("a.txt", 10), Record("b.txt", 20)]))
