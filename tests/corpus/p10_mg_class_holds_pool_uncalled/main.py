"""The class keeps the Pool class and a starter function as attributes; only the guarded code calls them."""
from multiprocessing import Pool


def square(x):
    return x * x


def run_all(values, pool_factory=Pool):
    with pool_factory(2) as pool:
        return pool.map(square, values)


class Jobs:
    pool_factory = Pool
    runner = staticmethod(run_all)

    def run(self, values):
        return self.runner(values, self.pool_factory)


if __name__ == "__main__":
    print(Jobs().run([1, 2, 3]))
