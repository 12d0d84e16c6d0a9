"""A child stores a nested callback on a Manager Namespace."""
import multiprocessing as mp
import sys


def register(ns, threshold):
    def is_hot(value):
        return value > threshold

    ns.threshold = threshold
    ns.check = is_hot


if __name__ == "__main__":
    with mp.Manager() as m:
        ns = m.Namespace()
        p = mp.Process(target=register, args=(ns, 30))
        p.start()
        p.join()
        print(ns.threshold)
    sys.exit(p.exitcode)
