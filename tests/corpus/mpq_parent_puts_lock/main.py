"""Parent puts a job holding a threading.Lock on an mp.Queue for a worker."""
import queue
import sys
import threading
import multiprocessing as mp


def worker(jobs):
    job = jobs.get(timeout=3)
    print("got", job["name"])


if __name__ == "__main__":
    jobs = mp.Queue()
    p = mp.Process(target=worker, args=(jobs,))
    p.start()
    jobs.put({"name": "resize", "lock": threading.Lock()})
    p.join()
    sys.exit(p.exitcode)
