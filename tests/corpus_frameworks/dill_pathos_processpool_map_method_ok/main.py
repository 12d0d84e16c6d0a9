# Shape of https://github.com/uqfoundation/pathos/issues/125: ProcessPool().map of a bound
# method of an instance defined in __main__, which dill sends along with its instance.
from pathos.pools import ProcessPool


class PMPExample:
    def __init__(self):
        self.cache = {}

    def compute(self, x):
        self.cache[x] = x ** 3
        return self.cache[x]


if __name__ == "__main__":
    pool = ProcessPool(nodes=2)
    print(pool.map(PMPExample().compute, range(5)))
    pool.close()
    pool.join()
    pool.clear()
