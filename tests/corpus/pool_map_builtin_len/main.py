"""Builtins are picklable by reference (fine)."""
from multiprocessing import Pool

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(len, ["alpha", "be", "gam"]))
