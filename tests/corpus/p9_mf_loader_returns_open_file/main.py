"""loaders.open_source() returns an open file; the results are sent to Pool.map."""
import os
from multiprocessing import Pool

from loaders import make_sample, open_source


def word_count(src):
    return len(src.read().split())


if __name__ == "__main__":
    paths = [make_sample("a b c"), make_sample("d e")]
    sources = [open_source(p) for p in paths]
    try:
        with Pool(2) as pool:
            print(pool.map(word_count, sources))
    finally:
        for s, p in zip(sources, paths):
            s.close()
            os.remove(p)
