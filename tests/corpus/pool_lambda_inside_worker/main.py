"""Lambdas used inside the worker are never sent (fine)."""
from multiprocessing import Pool


def top_words(text):
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(top_words, ["a b a c", "x y y z"]))
