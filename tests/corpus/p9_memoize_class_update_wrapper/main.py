"""A memoize class that copies the metadata with functools.update_wrapper, used on a PPE task."""
import functools
from concurrent.futures import ProcessPoolExecutor


class memoize:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.cache = {}

    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.__wrapped__(n)
        return self.cache[n]


@memoize
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(fib, [10, 20, 30])))
