"""Child puts plain dicts on an mp.Queue (fine twin)."""
import sys
import multiprocessing as mp


def compute(out):
    out.put({"id": 1, "fmt": "{:.2f}"})


if __name__ == "__main__":
    out = mp.Queue()
    p = mp.Process(target=compute, args=(out,))
    p.start()
    print(out.get(timeout=10))
    p.join()
    sys.exit(p.exitcode)
