"""Regular polygons, one class per polygon, generated from a table instead of written out."""

import math


class Polygon:
    sides = 0

    def __init__(self, edge):
        self.edge = float(edge)

    def area(self):
        n, s = self.sides, self.edge
        return n * s * s / (4 * math.tan(math.pi / n))

    def perimeter(self):
        return self.sides * self.edge

    def __repr__(self):
        return f"{type(self).__name__}(edge={self.edge:g})"


SIDES = {"Triangle": 3, "Square": 4, "Pentagon": 5, "Hexagon": 6, "Octagon": 8}

for _name, _sides in SIDES.items():
    # type() takes __module__ from the module where it is called, here `shapes`,
    # and the class is bound to the same name it was given.
    globals()[_name] = type(_name, (Polygon,), {"sides": _sides})
del _name, _sides


def make(kind, edge):
    return globals()[kind](edge)
