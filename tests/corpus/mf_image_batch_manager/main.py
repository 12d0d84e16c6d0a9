"""Image batch: Manager dict proxy shared with pool workers from images.py (fine)."""
import multiprocessing as mp

from images import brightness

if __name__ == "__main__":
    batch = {"a.png": [10, 20, 30], "b.png": [200, 220]}
    with mp.Manager() as m:
        stats = m.dict()
        with mp.Pool(2) as pool:
            pool.map(brightness, [(stats, k, v) for k, v in batch.items()])
        print(sorted(stats.items()))
