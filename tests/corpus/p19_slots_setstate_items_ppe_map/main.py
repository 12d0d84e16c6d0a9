"""Score feature rows in a pool; the row type uses __slots__ and migrates old pickles.

Modelled on https://github.com/python/cpython/issues/96224 (the state of a slotted
object without __getstate__ is a `(None, {slot: value})` tuple, not a dict), with
a __setstate__ written for dict-shaped state.
"""
from concurrent.futures import ProcessPoolExecutor


class Row:
    __slots__ = ("user", "clicks", "spend")

    def __init__(self, user, clicks, spend=0.0):
        self.user, self.clicks, self.spend = user, clicks, spend

    def __setstate__(self, state):
        for name, value in state.items():
            setattr(self, name, value)


def score(row):
    return row.user, row.clicks * 0.1 + row.spend


if __name__ == "__main__":
    rows = [Row("ann", 12, 3.5), Row("bo", 4), Row("cy", 30, 1.0)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        print(list(pool.map(score, rows)))
