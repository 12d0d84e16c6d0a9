"""A test runner submits its own method to a ProcessPoolExecutor batch after batch and keeps
every Future on self, so from the second submit on, self carries Futures (the shape of
https://github.com/noxdafox/pebble/issues/60)."""
import time
from concurrent.futures import ProcessPoolExecutor


class Tester:
    def __init__(self, batches):
        self.batches = batches
        self.futures = []

    def run_one(self, values):
        time.sleep(0.01)
        return sum(v * v for v in values)

    def run(self):
        results = []
        with ProcessPoolExecutor(max_workers=2) as pool:
            for batch in self.batches:
                print("new batch", batch)
                f = pool.submit(self.run_one, batch)
                self.futures.append(f)
                results.append(f.result())
        return results


if __name__ == "__main__":
    print(Tester([[1, 2], [3, 4], [5]]).run())
