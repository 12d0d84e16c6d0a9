"""Pass a threading.Condition to a worker."""
import threading
from concurrent.futures import ProcessPoolExecutor


def wait_ready(cond):
    return cond is not None


if __name__ == "__main__":
    cond = threading.Condition()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(wait_ready, cond).result())
