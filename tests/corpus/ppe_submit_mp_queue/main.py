"""Pass a multiprocessing.Queue as a task argument."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def produce(q, n):
    for i in range(n):
        q.put(i)
    return n


if __name__ == "__main__":
    q = mp.Queue()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(produce, q, 3).result())
