"""multiprocessing.Lock passed through Process args (fine: inheritance)."""
import sys
import multiprocessing as mp


def report(lock, name):
    with lock:
        print("report", name)


if __name__ == "__main__":
    lock = mp.Lock()
    procs = [mp.Process(target=report, args=(lock, n)) for n in ("eu", "us")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    sys.exit(max(p.exitcode for p in procs))
