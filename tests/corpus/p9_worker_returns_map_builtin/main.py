"""The worker returns map(str.upper, words) (lazy, but over a list with a builtin)."""
from multiprocessing import Pool


def shout(words):
    return map(str.upper, words)


if __name__ == "__main__":
    with Pool(2) as pool:
        for result in pool.map(shout, [["a", "b"], ["c"]]):
            print(list(result))
