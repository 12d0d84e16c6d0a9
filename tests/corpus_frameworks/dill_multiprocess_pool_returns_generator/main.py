# The worker returns a lazy generator: it has to go back through dill.
from multiprocess import Pool


def evens(n):
    return (i for i in range(n) if i % 2 == 0)


if __name__ == "__main__":
    with Pool(2) as pool:
        print([list(g) for g in pool.map(evens, [4, 6])])
