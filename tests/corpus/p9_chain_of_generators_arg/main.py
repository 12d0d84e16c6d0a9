"""itertools.chain over two generator expressions is handed to a worker."""
from itertools import chain
from multiprocessing import Pool


def consume(it):
    return sum(it)


if __name__ == "__main__":
    evens = (x for x in range(10) if x % 2 == 0)
    odds = (x for x in range(10) if x % 2)
    with Pool(1) as pool:
        print(pool.apply(consume, (chain(evens, odds),)))
