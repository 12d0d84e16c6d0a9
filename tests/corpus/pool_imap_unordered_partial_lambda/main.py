"""Resize thumbnails: partial() wrapped around a lambda."""
import functools
from multiprocessing import Pool

SIZES = [(640, 480), (1920, 1080), (800, 600)]

if __name__ == "__main__":
    shrink = functools.partial(lambda size, factor: (size[0] // factor, size[1] // factor), factor=4)
    with Pool(2) as pool:
        print(sorted(pool.imap_unordered(shrink, SIZES)))
