"""Normalise sensor readings with a module-level function (fine twin)."""
from multiprocessing import Pool

READINGS = [12.1, 15.3, 9.8, 11.0]


def to_kelvin(c):
    return c + 273.15


def main():
    with Pool(2) as pool:
        print(pool.map(to_kelvin, READINGS))


if __name__ == "__main__":
    main()
