"""The lock comes from a base class __init__."""
import threading
from concurrent.futures import ProcessPoolExecutor


class ThreadSafe:
    def __init__(self):
        self._mutex = threading.RLock()


class Ledger(ThreadSafe):
    def __init__(self, entries):
        super().__init__()
        self.entries = entries


def balance(ledger):
    return sum(ledger.entries)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(balance, Ledger([10, -3, 5])).result())
