"""functools.partial wraps a helper that was defined inside main()."""
from functools import partial
from multiprocessing import Pool


def main():
    def clip(lo, hi, v):
        return max(lo, min(hi, v))

    with Pool(2) as pool:
        print(pool.map(partial(clip, 0, 10), [-5, 5, 50]))


if __name__ == "__main__":
    main()
