"""A generator expression as the *iterable* of pool.map is fine: only items are pickled."""
from multiprocessing import Pool


def clean(line):
    return line.strip().lower()


if __name__ == "__main__":
    raw = ["  Alpha\n", "BETA  \n", " Gamma"]
    with Pool(2) as pool:
        print(pool.map(clean, (line for line in raw if line.strip())))
