"""itertools.starmap and builtin map with lambdas never pickle (fine)."""
import itertools
from multiprocessing import Pool


def total(values):
    return sum(values)


if __name__ == "__main__":
    pairs = [(2, 3), (4, 5)]
    products = list(itertools.starmap(lambda a, b: a * b, pairs))
    doubled = list(map(lambda x: x * 2, products))
    with Pool(2) as pool:
        print(pool.apply(total, (doubled,)))
