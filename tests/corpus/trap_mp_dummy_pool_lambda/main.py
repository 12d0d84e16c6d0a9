"""multiprocessing.dummy.Pool is a thread pool (fine)."""
from multiprocessing.dummy import Pool

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(lambda s: s[::-1], ["abc", "xyz"]))
