"""Worker returns a threading.Lock."""
import threading
from concurrent.futures import ProcessPoolExecutor


def make_guard(name):
    return threading.Lock()


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(make_guard, "cache").result())
