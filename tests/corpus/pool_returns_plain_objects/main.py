"""Worker returns instances of a plain module-level class (fine)."""
from multiprocessing import Pool


class Summary:
    def __init__(self, name, total):
        self.name = name
        self.total = total


def summarise(name):
    return Summary(name, len(name))


if __name__ == "__main__":
    with Pool(2) as pool:
        print([s.total for s in pool.map(summarise, ["a", "bb"])])
