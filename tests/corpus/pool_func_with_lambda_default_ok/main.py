"""A module-level worker whose *default* is a lambda: only the function reference is sent (fine)."""
from multiprocessing import Pool


def normalise(word, transform=lambda x: x.upper()):
    return transform(word.strip())


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(normalise, [" alpha", "beta ", "gamma"]))
