"""A nested defaultdict built with functools.partial instead of a lambda is returned by workers."""
from collections import defaultdict
from functools import partial
from multiprocessing import Pool


def group(rows):
    out = defaultdict(partial(defaultdict, list))
    for region, city, pop in rows:
        out[region][city].append(pop)
    return out


if __name__ == "__main__":
    chunks = [[("eu", "berlin", 3.6), ("eu", "rome", 2.8)], [("as", "tokyo", 14)]]
    with Pool(2) as pool:
        for g in pool.map(group, chunks):
            print({k: dict(v) for k, v in g.items()})
