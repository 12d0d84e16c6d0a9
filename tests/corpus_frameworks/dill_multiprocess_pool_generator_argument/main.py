# Shape of https://github.com/uqfoundation/dill/issues/311 ("Can't pickle the generator
# object?"): dill does not serialize generators either.
from multiprocess import Pool


def head(gen):
    return next(gen)


def numbers(start):
    yield from range(start, start + 3)


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(head, [numbers(i) for i in range(3)]))
