"""Process subclass from workers.py holding a threading.Lock."""
import sys

from workers import Uploader

if __name__ == "__main__":
    p = Uploader(["a.jpg", "b.jpg"])
    p.start()
    p.join()
    sys.exit(p.exitcode)
