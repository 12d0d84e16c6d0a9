"""A module-level function looked up in a registry dict (fine)."""
from concurrent.futures import ProcessPoolExecutor

from registry import TRANSFORMS

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(TRANSFORMS["upper"], "hello").result())
