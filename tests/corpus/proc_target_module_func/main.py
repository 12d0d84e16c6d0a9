"""Start a Process with a module-level target (fine twin)."""
import sys
from multiprocessing import Process


def warm_cache():
    print("warming cache")


if __name__ == "__main__":
    p = Process(target=warm_cache)
    p.start()
    p.join()
    sys.exit(p.exitcode)
