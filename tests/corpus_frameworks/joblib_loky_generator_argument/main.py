# A generator of chunks handed to each task (instead of a list).
from joblib import Parallel, delayed


def total(chunk):
    return sum(chunk)


def chunks(n, size):
    for start in range(0, n, size):
        yield (x for x in range(start, min(n, start + size)))


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(total)(c) for c in chunks(20, 5)))
