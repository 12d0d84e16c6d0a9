"""A ProcessPoolExecutor is created at module level (unguarded); work is submitted under the guard."""
from concurrent.futures import ProcessPoolExecutor

EXECUTOR = ProcessPoolExecutor(max_workers=2)


def square(x):
    return x * x


if __name__ == "__main__":
    try:
        print(list(EXECUTOR.map(square, [1, 2, 3])))
    finally:
        EXECUTOR.shutdown()
