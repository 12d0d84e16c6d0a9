"""A generic run(pool, fn, items) helper whose only caller passes a module-level function."""
from multiprocessing import Pool


def run(pool, fn, items):
    return pool.map(fn, items)


def word_len(w):
    return len(w)


def main():
    with Pool(2) as pool:
        print(run(pool, word_len, ["a", "bb", "ccc"]))


if __name__ == "__main__":
    main()
