"""Explicit fork context does not help: pool tasks are always pickled."""
import multiprocessing as mp


def main(offset):
    def shift(v):
        return v + offset

    with mp.get_context("fork").Pool(2) as pool:
        print(pool.map(shift, [1, 2, 3]))


if __name__ == "__main__":
    main(10)
