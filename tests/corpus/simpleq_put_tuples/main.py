"""SimpleQueue with plain tuples (fine)."""
import sys
import multiprocessing as mp


def worker(q, out):
    for cmd, arg in iter(q.get, ("stop", None)):
        out.put((cmd, arg * 2))


if __name__ == "__main__":
    q, out = mp.SimpleQueue(), mp.SimpleQueue()
    p = mp.Process(target=worker, args=(q, out))
    p.start()
    q.put(("scale", 21))
    print(out.get())
    q.put(("stop", None))
    p.join()
    sys.exit(p.exitcode)
