"""A generic run(executor, fn, items) helper whose caller passes a lambda."""
from concurrent.futures import ProcessPoolExecutor


def run(executor, fn, items):
    return list(executor.map(fn, items))


def main():
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(run(ex, lambda w: len(w), ["a", "bb", "ccc"]))


if __name__ == "__main__":
    main()
