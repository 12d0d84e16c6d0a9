"""A collector guarding its totals with a threading.Lock passes its bound method as the apply_async callback; the task itself is a module function (https://superfastpython.com/multiprocessing-pool-callback)."""
import threading
from multiprocessing import Pool


def word_count(text):
    return len(text.split())


class Collector:
    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0
        self.errors = []

    def on_result(self, count):
        with self.lock:
            self.total += count

    def on_error(self, exc):
        with self.lock:
            self.errors.append(repr(exc))


if __name__ == "__main__":
    docs = ["the quick brown fox", "jumps over", "the lazy dog"]
    collector = Collector()
    with Pool(2) as pool:
        for doc in docs:
            pool.apply_async(
                word_count, (doc,), callback=collector.on_result, error_callback=collector.on_error
            )
        pool.close()
        pool.join()
    print(collector.total, collector.errors)
