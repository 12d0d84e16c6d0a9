"""A NewType (named differently from its variable) is sent as a converter to the workers."""
from multiprocessing import Pool
from typing import NewType

OrderId = NewType("OrderIdentifier", int)


def coerce(kind, raw):
    return kind(raw.strip())


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.starmap(coerce, [(OrderId, " 7"), (int, "8 ")]))
