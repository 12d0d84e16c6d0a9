"""A lambda stored in a dict in another module is submitted."""
from concurrent.futures import ProcessPoolExecutor

from registry import TRANSFORMS

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(TRANSFORMS["upper"], "hello").result())
