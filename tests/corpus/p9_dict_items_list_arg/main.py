"""list(d.items()) is chunked and sent to workers."""
from multiprocessing import Pool

PRICES = {"apple": 1.0, "pear": 1.5, "plum": 0.5, "fig": 2.0}


def total(chunk):
    return sum(price for _, price in chunk)


if __name__ == "__main__":
    items = list(PRICES.items())
    chunks = [items[:2], items[2:]]
    with Pool(2) as pool:
        print(pool.map(total, chunks))
