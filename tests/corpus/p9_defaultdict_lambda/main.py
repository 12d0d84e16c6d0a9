"""A word-count defaultdict(lambda: 0) is passed to each worker."""
from collections import defaultdict
from multiprocessing import Pool


def merge(counts, text):
    for w in text.split():
        counts[w] += 1
    return dict(counts)


if __name__ == "__main__":
    seed = defaultdict(lambda: 0)
    seed["the"] = 1
    with Pool(2) as pool:
        print(pool.starmap(merge, [(seed, "the cat"), (seed, "a dog")]))
