"""Small vector type shared by the mesh tools."""
import math


class Vec3:
    # v2: switched to __slots__ to cut memory on million-point clouds
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z=0.0):
        self.x = float(x)
        self.y = float(y)
        self.z = float(z)

    # v1 pickles (plain __dict__, 2-D points without "z") are still in the
    # on-disk cache, so keep them loadable.
    def __setstate__(self, state):
        state.setdefault("z", 0.0)
        for name, value in state.items():
            object.__setattr__(self, name, float(value))

    def __add__(self, other):
        return Vec3(self.x + other.x, self.y + other.y, self.z + other.z)

    def scaled(self, k):
        return Vec3(self.x * k, self.y * k, self.z * k)

    def norm(self):
        return math.sqrt(self.x ** 2 + self.y ** 2 + self.z ** 2)

    def __repr__(self):
        return f"Vec3({self.x:.3f}, {self.y:.3f}, {self.z:.3f})"


def centroid(points):
    total = Vec3(0, 0, 0)
    for p in points:
        total = total + p
    return total.scaled(1.0 / len(points))
