"""Builtin map with a lambda prepares data before the pool; only plain data is sent (fine)."""
from concurrent.futures import ProcessPoolExecutor


def word_len(w):
    return len(w)


if __name__ == "__main__":
    words = list(map(lambda w: w.strip().lower(), [" Alpha", "Beta ", " GAMMA "]))
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(word_len, words)))
