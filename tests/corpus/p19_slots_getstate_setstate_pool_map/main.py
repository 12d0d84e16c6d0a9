"""The same slotted row type, with the __getstate__ that pairs with its __setstate__.

Looks like the slotted __setstate__ bug, but __getstate__ returns the dict that
__setstate__ reads, so the rows rebuild in the workers.
"""
import multiprocessing


class Row:
    __slots__ = ("user", "clicks", "spend")

    def __init__(self, user, clicks, spend=0.0):
        self.user, self.clicks, self.spend = user, clicks, spend

    def __getstate__(self):
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state):
        for name, value in state.items():
            setattr(self, name, value)


def score(row):
    return row.user, row.clicks * 0.1 + row.spend


if __name__ == "__main__":
    rows = [Row("ann", 12, 3.5), Row("bo", 4), Row("cy", 30, 1.0)]
    with multiprocessing.Pool(2) as pool:
        print(pool.map(score, rows))
