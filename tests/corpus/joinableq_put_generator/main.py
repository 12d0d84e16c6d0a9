"""JoinableQueue carrying a generator of rows."""
import sys
import multiprocessing as mp


def worker(q):
    rows = q.get(timeout=3)
    print(list(rows))
    q.task_done()


if __name__ == "__main__":
    q = mp.JoinableQueue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    q.put(r for r in range(3))
    p.join()
    sys.exit(p.exitcode)
