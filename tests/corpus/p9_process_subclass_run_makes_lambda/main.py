"""A Process subclass builds its lambdas and lock inside run(), not in __init__."""
import multiprocessing as mp
import sys
import threading


class Ticker(mp.Process):
    def __init__(self, n):
        super().__init__()
        self.n = n

    def run(self):
        lock = threading.Lock()
        fmt = lambda i: f"tick {i}"  # noqa: E731
        with lock:
            for i in range(self.n):
                print(fmt(i))


if __name__ == "__main__":
    t = Ticker(2)
    t.start()
    t.join()
    sys.exit(t.exitcode)
