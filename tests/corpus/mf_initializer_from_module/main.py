"""Each worker opens its own sqlite connection in an initializer from db.py (fine)."""
from multiprocessing import Pool

import db

if __name__ == "__main__":
    with Pool(2, initializer=db.init_worker, initargs=(":memory:",)) as pool:
        print(pool.map(db.lookup, [1, 2, 3]))
