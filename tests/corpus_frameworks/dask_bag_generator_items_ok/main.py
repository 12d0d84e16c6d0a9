# After https://github.com/dask/dask/issues/8094 ("make_people ... TypeError: cannot pickle
# 'generator' object"): here the bag's items are generators, on the default (processes)
# scheduler. Looks like the same bug, but dask.bag reifies a partition (and iterators that
# are its items) into lists before the result is pickled back.
import dask.bag as db


def make_records(seed):
    return ({"id": seed * 10 + k} for k in range(3))


if __name__ == "__main__":
    b = db.from_sequence([0, 1], npartitions=2).map(make_records)
    print(b.compute())
