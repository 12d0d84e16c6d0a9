"""A lambda assigned to a module-level name in helpers.py."""
from multiprocessing import Pool

from helpers import double

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(double, [1, 2]))
