"""Each worker builds its own threading.Lock and threads inside the task; only numbers cross."""
import threading
from multiprocessing import Pool


def parallel_sum(n):
    lock = threading.Lock()
    total = [0]

    def add(k):
        with lock:
            total[0] += k

    threads = [threading.Thread(target=add, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total[0]


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(parallel_sum, [3, 5]))
