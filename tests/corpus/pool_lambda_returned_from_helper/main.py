"""A helper returns the transform (a lambda) that is then mapped."""
from multiprocessing import Pool


def get_transform(kind):
    if kind == "upper":
        return lambda s: s.upper()
    return str.lower


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(get_transform("upper"), ["x", "y"]))
