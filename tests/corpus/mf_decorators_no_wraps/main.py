"""Task decorated with a retry decorator lacking functools.wraps (in another module)."""
from multiprocessing import Pool

from tasks import fetch

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(fetch, ["http://a", "http://b"]))
