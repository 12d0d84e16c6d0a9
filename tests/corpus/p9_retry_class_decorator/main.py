"""A Retry class is used as a decorator on the task that Pool.map runs."""
from multiprocessing import Pool


class Retry:
    def __init__(self, fn, attempts=3):
        self.fn = fn
        self.attempts = attempts

    def __call__(self, *args, **kwargs):
        last = None
        for _ in range(self.attempts):
            try:
                return self.fn(*args, **kwargs)
            except ConnectionError as exc:
                last = exc
        raise last


@Retry
def fetch(url):
    return len(url)


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(fetch, ["http://a", "http://bb"]))
