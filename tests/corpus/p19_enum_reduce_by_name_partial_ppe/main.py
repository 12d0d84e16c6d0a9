"""Aggregations as an Enum of partials, pickled by name as the enum HOWTO suggests.

Modelled on the by-name pickling of https://github.com/python/cpython/pull/26658
(bpo-44342), written by hand: define __reduce_ex__ so a member pickles as
getattr(cls, name) instead of cls(value).
"""
import enum
import operator
from concurrent.futures import ProcessPoolExecutor
from functools import partial, reduce


class Aggregate(enum.Enum):
    SUM = partial(reduce, operator.add)
    PRODUCT = partial(reduce, operator.mul)

    def __reduce_ex__(self, protocol):
        return getattr, (self.__class__, self.name)

    def __call__(self, values):
        return self.value(values)


def apply(agg, values):
    return agg.name, agg(values)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(apply, Aggregate.SUM, [1, 2, 3]),
                   pool.submit(apply, Aggregate.PRODUCT, [2, 3, 4])]
        for future in futures:
            print(*future.result())
