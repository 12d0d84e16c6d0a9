"""Geometry batch job whose shape classes are not written out but generated in a helper module:
shapes.py loops over a table and does `globals()[name] = type(name, (Polygon,), {...})`.  The
shape instances are sent to a pool with `apply_async(measure, (shape,), callback=...)`.

This is a trap: it works under every start method.  The classes are made by `type()` at
module level in shapes.py, so their __module__ is "shapes", their __qualname__ is the name
they are stored under, and `shapes.Triangle` etc. are found by name when the worker unpickles
an instance.  (A `B = type("Bee", ...)` with a different variable name, or classes made inside
a function, would fail.)

(the shape of https://github.com/python/cpython/issues/92920: instances of classes created
with type() passed to a Pool)
"""

from multiprocessing import Pool

import shapes


def measure(shape):
    return repr(shape), round(shape.area(), 3), shape.perimeter()


def order_from_text(text):
    shapes_wanted = []
    for line in text.strip().splitlines():
        kind, edge = line.split()
        shapes_wanted.append(shapes.make(kind, edge))
    return shapes_wanted


ORDER = """
Triangle 3
Square 2.5
Pentagon 1
Hexagon 4
Octagon 0.5
Square 10
"""


if __name__ == "__main__":
    results = []
    errors = []
    with Pool(3) as pool:
        for shape in order_from_text(ORDER):
            pool.apply_async(measure, (shape,), callback=results.append,
                             error_callback=errors.append)
        pool.close()
        pool.join()

    if errors:
        raise errors[0]
    for name, area, perimeter in sorted(results):
        print(f"{name:22s} area={area:9.3f} perimeter={perimeter:g}")
