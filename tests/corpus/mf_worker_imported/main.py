"""Worker function imported from workers.py (fine)."""
from multiprocessing import Pool

from workers import fingerprint

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(fingerprint, ["alpha", "beta"]))
