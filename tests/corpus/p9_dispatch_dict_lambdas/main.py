"""A dispatch dict of lambdas picks the task by kind; the chosen one goes to Pool.map."""
import sys
from multiprocessing import Pool

HANDLERS = {
    "square": lambda x: x * x,
    "negate": lambda x: -x,
}

if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else "square"
    with Pool(2) as pool:
        print(pool.map(HANDLERS[kind], [1, 2, 3]))
