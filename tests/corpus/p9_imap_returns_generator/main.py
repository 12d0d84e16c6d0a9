"""pool.imap's worker returns a generator expression over its chunk."""
from multiprocessing import Pool


def squares(chunk):
    return (x * x for x in chunk)


if __name__ == "__main__":
    with Pool(2) as pool:
        for result in pool.imap(squares, [[1, 2], [3, 4]]):
            print(list(result))
