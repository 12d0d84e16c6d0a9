"""Seed each worker with a module-level initializer (fine)."""
import random
from multiprocessing import Pool


def seed_worker(seed):
    random.seed(seed)


def roll(_):
    return random.randint(1, 6)


if __name__ == "__main__":
    with Pool(2, initializer=seed_worker, initargs=(42,)) as pool:
        print(len(pool.map(roll, range(4))))
