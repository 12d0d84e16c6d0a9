"""Tasks are registered by a decorator that returns the function itself; pool.map gets TASKS[name]."""
from multiprocessing import Pool

TASKS = {}


def task(fn):
    TASKS[fn.__name__] = fn
    return fn


@task
def square(x):
    return x * x


@task
def negate(x):
    return -x


if __name__ == "__main__":
    with Pool(2) as pool:
        for name in sorted(TASKS):
            print(name, pool.map(TASKS[name], [1, 2, 3]))
