"""A __slots__ value class (no __dict__, no __getstate__) is sent to the pool."""
from concurrent.futures import ProcessPoolExecutor


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z


def length(v):
    return round((v.x ** 2 + v.y ** 2 + v.z ** 2) ** 0.5, 3)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(length, [Vec(1, 2, 2), Vec(3, 4, 12)])))
