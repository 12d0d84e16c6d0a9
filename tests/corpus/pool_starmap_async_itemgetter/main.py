"""Project columns out of rows with operator.itemgetter (fine)."""
import operator
from multiprocessing import Pool

ROWS = [("ann", 31, "oslo"), ("bo", 22, "rome")]


def project(row, getter):
    return getter(row)


if __name__ == "__main__":
    getter = operator.itemgetter(0, 2)
    with Pool(2) as pool:
        res = pool.starmap_async(project, [(r, getter) for r in ROWS])
        print(res.get(timeout=30))
