"""namedtuple is created with a type name different from the variable it is bound to."""
from collections import namedtuple
from multiprocessing import Pool

Point = namedtuple("Pt", ["x", "y"])


def norm(p):
    return (p.x ** 2 + p.y ** 2) ** 0.5


if __name__ == "__main__":
    pts = [Point(3, 4), Point(6, 8)]
    with Pool(2) as pool:
        print(pool.map(norm, pts))
