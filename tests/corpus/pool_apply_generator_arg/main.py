"""Sum a lazily produced batch of numbers in a worker."""
from multiprocessing import Pool


def total(values):
    return sum(values)


if __name__ == "__main__":
    batch = (n * n for n in range(10))
    with Pool(2) as pool:
        print(pool.apply(total, (batch,)))
