"""Normalise sensor readings; the transform is stored in a variable first."""
from multiprocessing import Pool

READINGS = [12.1, 15.3, 9.8, 11.0]


def main():
    to_kelvin = lambda c: c + 273.15
    with Pool(2) as pool:
        print(pool.map(to_kelvin, READINGS))


if __name__ == "__main__":
    main()
