"""Image batch: an mp.Lock inside pool task tuples (worker in images.py)."""
import multiprocessing as mp

from images import brightness

if __name__ == "__main__":
    batch = {"a.png": [10, 20, 30], "b.png": [200, 220]}
    lock = mp.Lock()
    with mp.Pool(2) as pool:
        print(pool.map(brightness, [(lock, k, v) for k, v in batch.items()]))
