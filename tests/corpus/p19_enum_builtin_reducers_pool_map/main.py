"""Column reducers as an Enum of built-in functions, mapped over in a pool.

Looks like the Enum-of-functions bug, but built-in functions are not
descriptors (they become members) and pickle by reference, so the value rebuilt
in the worker is the very same function.
"""
import enum
import multiprocessing


class Reducer(enum.Enum):
    MAX = max
    MIN = min
    TOTAL = sum


def reduce_column(task):
    column, reducer = task
    return reducer.name, reducer.value(column)


if __name__ == "__main__":
    columns = [[4, 8, 1], [9, 2, 7], [5, 5, 5]]
    tasks = list(zip(columns, [Reducer.MAX, Reducer.MIN, Reducer.TOTAL]))
    with multiprocessing.Pool(2) as pool:
        for name, value in pool.map(reduce_column, tasks):
            print(name, value)
