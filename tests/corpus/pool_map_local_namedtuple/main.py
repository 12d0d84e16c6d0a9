"""A namedtuple type created inside a function."""
from collections import namedtuple
from multiprocessing import Pool


def area(rect):
    return rect.w * rect.h


def main():
    Rect = namedtuple("Rect", "w h")
    with Pool(2) as pool:
        print(pool.map(area, [Rect(2, 3), Rect(4, 5)]))


if __name__ == "__main__":
    main()
