# pathos imap over items that are themselves generators.
from pathos.pools import ProcessPool


def first(gen):
    return next(gen)


if __name__ == "__main__":
    pool = ProcessPool(nodes=2)
    items = [(c for c in word) for word in ("alpha", "beta", "gamma")]
    print(list(pool.imap(first, items)))
    pool.close()
    pool.join()
    pool.clear()
