"""Manager Lock proxy passed as a task argument (fine)."""
import multiprocessing as mp


def write_row(lock, row):
    with lock:
        return ",".join(row)


if __name__ == "__main__":
    with mp.Manager() as manager:
        lock = manager.Lock()
        with mp.Pool(2) as pool:
            jobs = [pool.apply_async(write_row, (lock, r)) for r in [("a", "1"), ("b", "2")]]
            print([j.get(timeout=30) for j in jobs])
