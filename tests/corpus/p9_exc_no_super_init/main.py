"""The exception's __init__ takes two arguments and never calls super().__init__."""
from concurrent.futures import ProcessPoolExecutor


class RangeError(Exception):
    def __init__(self, value, bounds):
        self.value = value
        self.bounds = bounds

    def __str__(self):
        return f"{self.value} not in {self.bounds}"


def check(v):
    if not 0 <= v <= 10:
        raise RangeError(v, (0, 10))
    return v


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        try:
            print(list(ex.map(check, [1, 20])))
        except RangeError as exc:
            print("error:", exc)
