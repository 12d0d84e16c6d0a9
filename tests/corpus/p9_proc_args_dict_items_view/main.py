"""settings.items() (a dict view) is passed as a Process argument."""
import multiprocessing as mp
import sys

SETTINGS = {"host": "db", "port": 5432}


def apply(items):
    for key, value in items:
        print(f"{key}={value}")


if __name__ == "__main__":
    p = mp.Process(target=apply, args=(SETTINGS.items(),))
    p.start()
    p.join()
    sys.exit(p.exitcode)
