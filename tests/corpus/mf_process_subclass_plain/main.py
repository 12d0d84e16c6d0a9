"""Process subclass from workers.py holding a shared Value (fine)."""
import multiprocessing as mp
import sys

from workers import Uploader

if __name__ == "__main__":
    done = mp.Value("i", 0)
    p = Uploader(["a.jpg", "b.jpg"], done)
    p.start()
    p.join()
    print(done.value)
    sys.exit(p.exitcode)
