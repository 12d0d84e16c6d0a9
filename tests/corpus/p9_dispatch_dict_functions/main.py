"""A dispatch dict of module-level functions picks the task by kind."""
import sys
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def negate(x):
    return -x


HANDLERS = {"square": square, "negate": negate}

if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "negate"
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(HANDLERS[kind], [1, 2, 3])))
