"""JoinableQueue carrying lists of rows (fine)."""
import sys
import multiprocessing as mp


def worker(q):
    while True:
        rows = q.get()
        if rows is None:
            q.task_done()
            break
        print(sum(rows))
        q.task_done()


if __name__ == "__main__":
    q = mp.JoinableQueue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    q.put([1, 2, 3])
    q.put(None)
    q.join()
    p.join()
    sys.exit(p.exitcode)
