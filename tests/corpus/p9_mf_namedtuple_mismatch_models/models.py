from collections import namedtuple

Point = namedtuple("Point2D", ["x", "y"])
Size = namedtuple("Size", ["w", "h"])
