"""A multiprocessing.Manager() is started at module level, outside the main guard."""
import sys
from multiprocessing import Manager, Process

manager = Manager()
shared = manager.dict()


def record(key):
    shared[key] = len(key)


if __name__ == "__main__":
    p = Process(target=record, args=("alpha",))
    p.start()
    p.join()
    print(dict(shared))
    manager.shutdown()
    sys.exit(p.exitcode)
