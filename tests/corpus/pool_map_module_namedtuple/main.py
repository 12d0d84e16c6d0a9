"""A module-level namedtuple (fine)."""
from collections import namedtuple
from multiprocessing import Pool

Rect = namedtuple("Rect", "w h")


def area(rect):
    return rect.w * rect.h


def main():
    with Pool(2) as pool:
        print(pool.map(area, [Rect(2, 3), Rect(4, 5)]))


if __name__ == "__main__":
    main()
