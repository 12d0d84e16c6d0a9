"""setup() defines the worker as a global and a class body calls it: class bodies run on import, so the child has the worker too."""
import multiprocessing as mp
import sys


def setup():
    global work

    def work(x):
        return x + 1


class Boot:
    pass
    setup()


def main():
    with mp.Pool(2) as pool:
        print(pool.map(work, [1, 2]))


if __name__ == "__main__":
    setup()
    main()
