"""threading.Lock passed through Process args."""
import sys
import threading
import multiprocessing as mp


def report(lock, name):
    with lock:
        print("report", name)


if __name__ == "__main__":
    lock = threading.Lock()
    p = mp.Process(target=report, args=(lock, "eu"))
    p.start()
    p.join()
    sys.exit(p.exitcode)
