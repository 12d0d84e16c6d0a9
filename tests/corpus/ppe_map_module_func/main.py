"""Convert currencies with a module-level function and repeat() (fine twin)."""
import itertools
from concurrent.futures import ProcessPoolExecutor


def convert(a, rate):
    return round(a * rate, 2)


if __name__ == "__main__":
    amounts = [10, 20, 35]
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(convert, amounts, itertools.repeat(0.92))))
