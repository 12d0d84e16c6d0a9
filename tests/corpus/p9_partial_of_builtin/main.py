"""functools.partial(int, base=16) as the Pool.map function."""
from functools import partial
from multiprocessing import Pool

if __name__ == "__main__":
    hex_to_int = partial(int, base=16)
    with Pool(2) as pool:
        print(pool.map(hex_to_int, ["ff", "10", "7f"]))
