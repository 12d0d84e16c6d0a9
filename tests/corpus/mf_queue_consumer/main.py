"""Consumer process from consumers.py fed through an mp.Queue (fine)."""
import multiprocessing as mp
import sys

from consumers import consume

if __name__ == "__main__":
    q, out = mp.Queue(), mp.Queue()
    p = mp.Process(target=consume, args=(q, out))
    p.start()
    q.put({"price": 2.0, "qty": 3})
    q.put(None)
    print(out.get(timeout=10))
    p.join()
    sys.exit(p.exitcode)
