"""The parent's sqlite connection (from db.connect) passed in initargs."""
from concurrent.futures import ProcessPoolExecutor

import db

if __name__ == "__main__":
    conn = db.connect()
    with ProcessPoolExecutor(2, initializer=db.init_worker, initargs=(conn,)) as ex:
        print(list(ex.map(db.lookup, [1, 2])))
