"""A Process target is functools.partial wrapped around a lambda."""
import functools
import multiprocessing as mp
import sys

if __name__ == "__main__":
    target = functools.partial(lambda name, greeting: print(f"{greeting}, {name}"), greeting="hi")
    p = mp.Process(target=target, args=("ann",))
    p.start()
    p.join()
    sys.exit(p.exitcode)
