"""models.Point is namedtuple("Point2D", ...); Points are sent to the pool."""
from multiprocessing import Pool

from models import Point


def manhattan(p):
    return abs(p.x) + abs(p.y)


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(manhattan, [Point(1, -2), Point(3, 4)]))
