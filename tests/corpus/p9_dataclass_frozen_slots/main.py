"""A frozen dataclass with slots=True is sent to the pool."""
from dataclasses import dataclass
from multiprocessing import Pool


@dataclass(frozen=True, slots=True)
class Coord:
    lat: float
    lon: float


def hemisphere(c):
    return ("N" if c.lat >= 0 else "S") + ("E" if c.lon >= 0 else "W")


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(hemisphere, [Coord(52.5, 13.4), Coord(-33.9, -70.6)]))
