"""Pass a Manager().Queue() proxy as a task argument (fine)."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def produce(q, n):
    for i in range(n):
        q.put(i)
    return n


if __name__ == "__main__":
    with mp.Manager() as m:
        q = m.Queue()
        with ProcessPoolExecutor(max_workers=2) as ex:
            print(ex.submit(produce, q, 3).result())
        print([q.get() for _ in range(3)])
