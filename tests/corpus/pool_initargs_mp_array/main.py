"""Share a histogram Array with workers through initargs (fine)."""
import multiprocessing as mp

_hist = None


def init(hist):
    global _hist
    _hist = hist


def bucket(value):
    with _hist.get_lock():
        _hist[value % 4] += 1
    return value


if __name__ == "__main__":
    hist = mp.Array("i", 4)
    with mp.Pool(2, initializer=init, initargs=(hist,)) as pool:
        pool.map(bucket, range(8))
    print(list(hist))
