"""A processor stores a module-level function on self.fn and later maps self.fn."""
from multiprocessing import Pool


def normalize(s):
    return " ".join(s.split()).lower()


class Processor:
    def __init__(self, fn=normalize):
        self.fn = fn

    def run(self, xs):
        with Pool(2) as pool:
            return pool.map(self.fn, xs)


if __name__ == "__main__":
    print(Processor().run(["  Hello   World ", "A  B"]))
