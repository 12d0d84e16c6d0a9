"""The lock attribute is created in a method other than __init__."""
import threading
from concurrent.futures import ProcessPoolExecutor


class RateLimiter:
    def __init__(self, per_second):
        self.per_second = per_second
        self.lock = None

    def start(self):
        self.lock = threading.Lock()
        return self


def allowed(limiter, n):
    return n <= limiter.per_second


if __name__ == "__main__":
    limiter = RateLimiter(5).start()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(allowed, limiter, 3).result())
