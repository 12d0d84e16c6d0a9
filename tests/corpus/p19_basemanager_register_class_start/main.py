"""A counter served by a custom manager: the registry holds a module-level class.

Looks like the lambda-in-the-registry bug, but a class defined at the top of the
module is pickled by name, so the manager's server process finds it.
"""
from multiprocessing.managers import BaseManager


class Counter:
    def __init__(self):
        self.value = 0

    def add(self, n):
        self.value += n
        return self.value


class CounterManager(BaseManager):
    pass


CounterManager.register("Counter", Counter)


if __name__ == "__main__":
    manager = CounterManager()
    manager.start()
    try:
        counter = manager.Counter()
        for n in (3, 4, 5):
            counter.add(n)
        print(counter.add(0))
    finally:
        manager.shutdown()
