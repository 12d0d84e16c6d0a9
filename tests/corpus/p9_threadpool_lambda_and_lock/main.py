"""multiprocessing.pool.ThreadPool gets a lambda that uses a threading.Lock."""
import threading
from multiprocessing.pool import ThreadPool

if __name__ == "__main__":
    lock = threading.Lock()
    seen = []

    def record(x):
        with lock:
            seen.append(x)
        return x * 2

    with ThreadPool(4) as pool:
        print(pool.map(lambda x: record(x) + 1, range(5)))
    print(sorted(seen))
