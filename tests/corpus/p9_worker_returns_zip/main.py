"""The worker returns a zip() of two lists."""
from concurrent.futures import ProcessPoolExecutor


def pair(names):
    return zip(names, [len(n) for n in names])


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(list(ex.submit(pair, ["ann", "bob"]).result()))
