"""d.keys() (a dict view) is passed to each worker."""
from concurrent.futures import ProcessPoolExecutor

PRICES = {"apple": 1.0, "pear": 1.5, "plum": 0.5}


def missing(known, wanted):
    return sorted(set(wanted) - set(known))


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        futs = [ex.submit(missing, PRICES.keys(), w) for w in (["apple", "kiwi"], ["plum"])]
        print([f.result() for f in futs])
