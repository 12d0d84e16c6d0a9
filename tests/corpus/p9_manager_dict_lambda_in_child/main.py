"""A child process stores a formatting lambda in a Manager dict."""
import multiprocessing as mp
import sys


def configure(shared):
    shared["precision"] = 2
    shared["formatter"] = lambda v: f"{v:.2f}"


if __name__ == "__main__":
    with mp.Manager() as manager:
        shared = manager.dict()
        p = mp.Process(target=configure, args=(shared,))
        p.start()
        p.join()
        print(dict(shared))
    sys.exit(p.exitcode)
