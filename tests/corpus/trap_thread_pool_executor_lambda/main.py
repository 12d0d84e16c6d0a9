"""ThreadPoolExecutor with lambdas and a lock: nothing is pickled (fine)."""
import threading
from concurrent.futures import ThreadPoolExecutor

if __name__ == "__main__":
    lock = threading.Lock()
    totals = []

    def add(n):
        with lock:
            totals.append(n)

    with ThreadPoolExecutor(max_workers=2) as ex:
        list(ex.map(lambda n: add(n * 2), range(4)))
        print(ex.submit(lambda: sum(totals)).result())
