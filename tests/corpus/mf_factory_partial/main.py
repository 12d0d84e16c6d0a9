"""The factory returns functools.partial of a module-level function (fine)."""
from concurrent.futures import ProcessPoolExecutor

from factories import make_scaler

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(make_scaler(3), [1, 2, 3])))
