"""Shared Value passed via Process kwargs (fine)."""
import sys
import multiprocessing as mp


def count(n, total=None):
    with total.get_lock():
        total.value += n


if __name__ == "__main__":
    total = mp.Value("i", 0)
    p = mp.Process(target=count, args=(5,), kwargs={"total": total})
    p.start()
    p.join()
    print(total.value)
    sys.exit(p.exitcode)
