"""The worker is defined inside setup() under `global`; setup() runs at import time."""
from multiprocessing import Pool

SCALE = 3


def setup(scale):
    global transform

    def transform(x):
        return x * scale


setup(SCALE)

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(transform, [1, 2, 3]))
