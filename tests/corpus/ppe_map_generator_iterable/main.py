"""A generator passed as the iterable of executor.map is fine."""
from concurrent.futures import ProcessPoolExecutor


def square(n):
    return n * n


def numbers(limit):
    yield from range(limit)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(square, numbers(5))))
