"""Pass a Manager dict through Process kwargs (fine)."""
import sys
import multiprocessing as mp


def collect(stats=None):
    stats["rows"] = 42


if __name__ == "__main__":
    with mp.Manager() as m:
        stats = m.dict()
        p = mp.Process(target=collect, kwargs={"stats": stats})
        p.start()
        p.join()
        print(dict(stats))
    sys.exit(p.exitcode)
