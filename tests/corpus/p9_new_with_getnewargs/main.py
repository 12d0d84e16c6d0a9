"""A tuple subclass with a required-argument __new__ defines __getnewargs__."""
from multiprocessing import Pool


class Range(tuple):
    def __new__(cls, lo, hi):
        if lo > hi:
            lo, hi = hi, lo
        return super().__new__(cls, (lo, hi))

    def __getnewargs__(self):
        return tuple(self)


def width(r):
    return r[1] - r[0]


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(width, [Range(1, 5), Range(9, 2)]))
