"""A processor stores a lambda on self.fn in __init__ and later maps self.fn."""
from multiprocessing import Pool


class Processor:
    def __init__(self, factor):
        self.factor = factor
        self.fn = lambda x: x * factor

    def run(self, xs):
        with Pool(2) as pool:
            return pool.map(self.fn, xs)


if __name__ == "__main__":
    print(Processor(3).run([1, 2, 3]))
