"""Lambdas are used for sorting and printing in the parent; Pool.map gets a module function."""
from multiprocessing import Pool


def checksum(name):
    return sum(map(ord, name)) % 251


if __name__ == "__main__":
    names = sorted(["carol", "ann", "bob"], key=lambda n: (len(n), n))
    fmt = lambda pair: f"{pair[0]}={pair[1]}"  # noqa: E731
    with Pool(2) as pool:
        sums = pool.map(checksum, names)
    print(", ".join(map(fmt, zip(names, sums))))
