"""A service object keeps its ProcessPoolExecutor on self and submits self.handle."""
from concurrent.futures import ProcessPoolExecutor


class Service:
    def __init__(self):
        self.executor = ProcessPoolExecutor(max_workers=2)
        self.prefix = "job"

    def handle(self, n):
        return f"{self.prefix}-{n * n}"

    def run(self, ns):
        futs = [self.executor.submit(self.handle, n) for n in ns]
        try:
            return [f.result() for f in futs]
        finally:
            self.executor.shutdown()


if __name__ == "__main__":
    print(Service().run([1, 2, 3]))
