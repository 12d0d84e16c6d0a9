"""Document scorer whose methods are wrapped by a home-made `@timed` decorator from a helper
module (instrument.py).  The decorator does not use functools.wraps, so the wrapped method's
function is called `wrapper`.  The scorer submits `scorer.score` to a ProcessPoolExecutor.

A bound method pickles as `getattr(instance, method.__func__.__name__)`, that is
`getattr(scorer, "wrapper")`.  Pickling succeeds in the parent; the worker that unpickles the
call fails with AttributeError ('DocumentScorer' object has no attribute 'wrapper') and the
pool is broken, under every start method.

(the shape of https://github.com/python/cpython/issues/81478: pickling a bound method goes
through the function's __name__, which a decorator changed)
"""

import os
import re
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed

from instrument import timed

WORD = re.compile(r"[a-z']+")


class DocumentScorer:
    def __init__(self, keywords, min_length=3):
        self.keywords = {k.lower(): w for k, w in keywords.items()}
        self.min_length = min_length

    def _tokens(self, text):
        return [t for t in WORD.findall(text.lower()) if len(t) >= self.min_length]

    @timed
    def score(self, path):
        with open(path, encoding="utf-8") as fh:
            counts = Counter(self._tokens(fh.read()))
        total = sum(counts[k] * w for k, w in self.keywords.items())
        return os.path.basename(path), total, counts.most_common(3)


def write_corpus(folder):
    texts = [
        "The pipeline failed because the worker could not pickle the callable.",
        "Pickle stores functions by name; the worker imports the module again.",
        "A decorator replaced the method, and the name no longer matched.",
        "Nothing here mentions serialization at all, only weather and tea.",
    ]
    paths = []
    for i, text in enumerate(texts):
        path = os.path.join(folder, f"doc{i}.txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write((text + "\n") * (i + 1))
        paths.append(path)
    return paths


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(folder)
        scorer = DocumentScorer({"pickle": 3, "worker": 2, "name": 1})

        with ProcessPoolExecutor(max_workers=2) as pool:
            futures = [pool.submit(scorer.score, p) for p in paths]
            results = [f.result() for f in as_completed(futures)]

    for name, total, top in sorted(results, key=lambda r: -r[1]):
        print(f"{name}: {total} {top}")
