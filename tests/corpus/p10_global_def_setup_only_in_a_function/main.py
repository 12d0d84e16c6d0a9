"""setup() defines the worker as a global; the only call of setup() outside the guard is in a function body, which import does not run."""
import multiprocessing as mp
import sys


def setup():
    global work

    def work(x):
        return x + 1


if sys.platform != "win32":
    def later():
        setup()


def main():
    with mp.Pool(2) as pool:
        print(pool.map(work, [1, 2]))


if __name__ == "__main__":
    setup()
    main()
