"""An AttrDict that aliases __getattr__ to dict.get is sent to the pool."""
from multiprocessing import Pool


class AttrDict(dict):
    __getattr__ = dict.get
    __setattr__ = dict.__setitem__


def area(shape):
    return shape.w * shape.h


if __name__ == "__main__":
    shapes = [AttrDict(w=2, h=3), AttrDict(w=4, h=5)]
    with Pool(2) as pool:
        print(pool.map(area, shapes))
