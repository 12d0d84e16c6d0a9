"""A helper returns str.lower (a builtin method descriptor) which is mapped (fine)."""
from multiprocessing import Pool


def get_transform(kind):
    if kind == "upper":
        return str.upper
    return str.lower


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(get_transform("lower"), ["X", "Y"]))
