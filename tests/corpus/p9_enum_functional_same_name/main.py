"""An Enum made with the functional API, named like its variable."""
from enum import Enum
from multiprocessing import Pool

Level = Enum("Level", ["LOW", "MID", "HIGH"])


def bump(level):
    return Level(min(level.value + 1, 3))


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(bump, [Level.LOW, Level.HIGH]))
