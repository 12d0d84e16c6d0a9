"""The pool task is decorated with functools.lru_cache."""
import functools
from multiprocessing import Pool


@functools.lru_cache(maxsize=128)
def collatz_len(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(collatz_len, [6, 7, 27]))
