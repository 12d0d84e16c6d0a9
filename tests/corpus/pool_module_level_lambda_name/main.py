"""A lambda bound to a module-level name still cannot be pickled by reference."""
from multiprocessing import Pool

double = lambda n: n * 2  # noqa: E731

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(double, [1, 2, 3]))
