# A class defined inside a function: cloudpickle sends it by value, so loky workers get it.
from joblib import Parallel, delayed


def build():
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y

        def norm2(self):
            return self.x ** 2 + self.y ** 2

    return [Point(i, i + 1) for i in range(4)]


def norm(p):
    return p.norm2()


if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(norm)(p) for p in build()))
