"""A helper whose default transform is a lambda, which is sent to the pool."""
from multiprocessing import Pool


def run_batch(pool, items, transform=lambda x: x.upper()):
    return pool.map(transform, items)


if __name__ == "__main__":
    with Pool(2) as pool:
        print(run_batch(pool, ["alpha", "beta", "gamma"]))
