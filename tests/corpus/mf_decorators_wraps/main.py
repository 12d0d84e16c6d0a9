"""Same retry decorator WITH functools.wraps (fine)."""
from multiprocessing import Pool

from tasks import fetch

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(fetch, ["http://a", "http://b"]))
