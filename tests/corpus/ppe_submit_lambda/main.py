"""Submit a lambda to a ProcessPoolExecutor."""
from concurrent.futures import ProcessPoolExecutor

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        fut = ex.submit(lambda a, b: a + b, 2, 3)
        print(fut.result())
