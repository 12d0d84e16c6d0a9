"""The worker returns map(lambda ...) instead of a list."""
from multiprocessing import Pool


def scale(chunk):
    return map(lambda v: v * 1.5, chunk)


if __name__ == "__main__":
    with Pool(2) as pool:
        for result in pool.map(scale, [[1, 2], [3]]):
            print(list(result))
