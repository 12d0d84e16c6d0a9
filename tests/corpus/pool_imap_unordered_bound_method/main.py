"""Resize thumbnails with a bound method of a plain module-level class (fine)."""
from multiprocessing import Pool

SIZES = [(640, 480), (1920, 1080), (800, 600)]


class Resizer:
    def __init__(self, factor):
        self.factor = factor

    def shrink(self, size):
        return size[0] // self.factor, size[1] // self.factor


if __name__ == "__main__":
    resizer = Resizer(4)
    with Pool(2) as pool:
        print(sorted(pool.imap_unordered(resizer.shrink, SIZES)))
