"""A classmethod constructor is used as the Pool task and returns instances."""
from multiprocessing import Pool


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    @classmethod
    def from_csv(cls, line):
        x, y = line.split(",")
        return cls(float(x), float(y))

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(Point.from_csv, ["1,2", "3.5,4"]))
