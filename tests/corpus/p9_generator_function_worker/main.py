"""The Pool.map worker uses `yield` (a generator function) instead of returning a list."""
from multiprocessing import Pool


def split_words(line):
    for word in line.split():
        yield word.lower()


if __name__ == "__main__":
    with Pool(2) as pool:
        print([list(ws) for ws in pool.map(split_words, ["Hello World", "Big Data"])])
