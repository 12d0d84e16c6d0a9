"""__reduce__ hands back the class, no args, and self.__dict__ (which still holds a lock)."""
import threading
from multiprocessing import Pool


class RateLimiter:
    def __init__(self, per_second):
        self.per_second = per_second
        self._lock = threading.Lock()

    def __reduce__(self):
        return (RateLimiter.__new__, (RateLimiter,), self.__dict__)


def allowed(limiter, n):
    return n <= limiter.per_second


if __name__ == "__main__":
    lim = RateLimiter(5)
    with Pool(2) as pool:
        print(pool.starmap(allowed, [(lim, 3), (lim, 9)]))
