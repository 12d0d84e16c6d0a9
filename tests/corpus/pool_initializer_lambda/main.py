"""Seed each worker with a lambda initializer (pickled only when processes are spawned)."""
import random
from multiprocessing import Pool


def roll(_):
    return random.randint(1, 6)


if __name__ == "__main__":
    with Pool(2, initializer=lambda: random.seed(42)) as pool:
        print(len(pool.map(roll, range(4))))
