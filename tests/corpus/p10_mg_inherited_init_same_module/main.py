"""A worker-pool base class and a subclass in one script, no main guard; the subclass's
constructor only adds a field before calling the base's, which makes the pool."""
import multiprocessing


def square(x):
    return x * x


class PoolOwner:
    def __init__(self, processes):
        self.pool = multiprocessing.Pool(processes)


class Squarer(PoolOwner):
    def __init__(self):
        self.name = "squarer"
        super().__init__(2)

    def run(self, items):
        return self.pool.map(square, items)


squarer = Squarer()
print(squarer.run(range(5)))
squarer.pool.close()
