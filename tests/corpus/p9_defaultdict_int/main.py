"""A defaultdict(int) is passed to each worker."""
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor


def tally(counts, text):
    for ch in text:
        counts[ch] += 1
    return counts


if __name__ == "__main__":
    base = defaultdict(int)
    with ProcessPoolExecutor(max_workers=2) as ex:
        futs = [ex.submit(tally, base, s) for s in ("aab", "abc")]
        print([dict(f.result()) for f in futs])
