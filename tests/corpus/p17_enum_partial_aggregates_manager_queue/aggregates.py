"""Aggregation functions exposed to the metrics config as an Enum."""
import enum
import operator
from functools import partial, reduce


class Aggregate(enum.Enum):
    # functools.partial objects are not descriptors, so they become members
    # (plain functions here would turn into methods instead).
    SUM = partial(reduce, operator.add)
    PRODUCT = partial(reduce, operator.mul)
    MAX = max

    def __call__(self, values):
        return self.value(values)

    @classmethod
    def from_config(cls, name):
        return cls[name.upper()]
