"""A queue.Queue (thread queue) is passed to pool workers to collect results."""
import queue
from multiprocessing import Pool


def produce(args):
    q, n = args
    q.put(n * n)
    return n


if __name__ == "__main__":
    results = queue.Queue()
    with Pool(2) as pool:
        pool.map(produce, [(results, i) for i in range(3)])
    print(sorted(results.get() for _ in range(3)))
