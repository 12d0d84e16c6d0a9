"""Classic producer/consumer: mp.Queue passed through Process args (fine)."""
import sys
import multiprocessing as mp


def worker(tasks, results):
    for n in iter(tasks.get, None):
        results.put(n * n)


if __name__ == "__main__":
    tasks, results = mp.Queue(), mp.Queue()
    p = mp.Process(target=worker, args=(tasks, results))
    p.start()
    for n in range(3):
        tasks.put(n)
    tasks.put(None)
    out = sorted(results.get(timeout=10) for _ in range(3))
    p.join()
    print(out)
    sys.exit(p.exitcode)
