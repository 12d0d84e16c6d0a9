"""A parameterised decorator sets wrapper.__qualname__ so pickle can find it; the wrapped function is bound to that name under the main guard (https://www.technetexperts.com/python-pickle-multiprocessing-qualname-fix/amp)."""
import math
from concurrent.futures import ProcessPoolExecutor
from functools import wraps


def parameterize(*extra):
    def decorator(func, qualname):
        @wraps(func)
        def wrapper(x):
            return func(x, *extra)

        wrapper.__qualname__ = qualname
        return wrapper

    return decorator


def damped(x, k):
    return math.exp(-k * x) * math.cos(x)


if __name__ == "__main__":
    damped_fast = parameterize(0.5)(damped, "damped_fast")
    with ProcessPoolExecutor(max_workers=2) as executor:
        print(list(executor.map(damped_fast, [0.0, 1.0, 2.0])))
