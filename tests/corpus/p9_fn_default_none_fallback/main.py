"""run(fn=None) falls back to a module-level function; nobody passes a callable."""
from multiprocessing import Pool


def square(x):
    return x * x


def run(xs, fn=None):
    fn = fn or square
    with Pool(2) as pool:
        return pool.map(fn, xs)


if __name__ == "__main__":
    print(run([1, 2, 3]))
