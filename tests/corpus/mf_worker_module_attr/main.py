"""Worker referenced as module.attr (fine)."""
import multiprocessing as mp

import tasks

if __name__ == "__main__":
    with mp.get_context("spawn").Pool(2) as pool:
        print(pool.map(tasks.thumbnail, [(1024, 768), (640, 480)]))
