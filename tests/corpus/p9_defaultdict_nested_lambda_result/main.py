"""Workers return a nested defaultdict(lambda: defaultdict(list))."""
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor


def index(words):
    idx = defaultdict(lambda: defaultdict(list))
    for i, w in enumerate(words):
        idx[w[0]][len(w)].append(i)
    return idx


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        for idx in ex.map(index, [["apple", "avocado"], ["banana"]]):
            print({k: dict(v) for k, v in idx.items()})
