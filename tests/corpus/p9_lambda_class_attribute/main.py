"""A class keeps small converters as lambda class attributes; one is sent to Pool.map."""
from multiprocessing import Pool


class Convert:
    celsius = lambda f: round((f - 32) * 5 / 9, 1)  # noqa: E731
    kelvin = lambda c: c + 273.15  # noqa: E731


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(Convert.celsius, [32, 212, 98.6]))
