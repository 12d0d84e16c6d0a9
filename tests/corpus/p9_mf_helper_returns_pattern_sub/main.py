"""textutil.make_cleaner() returns partial(compiled_pattern.sub, ...), which main maps over."""
from multiprocessing import Pool

from textutil import make_cleaner

if __name__ == "__main__":
    clean = make_cleaner("_")
    with Pool(2) as pool:
        print(pool.map(clean, ["a  b\tc", "x\n\ny"]))
