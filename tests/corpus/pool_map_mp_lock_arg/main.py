"""Pass a multiprocessing.Lock as a task argument to pool.map."""
import multiprocessing as mp


def write_row(args):
    lock, row = args
    with lock:
        return ",".join(row)


if __name__ == "__main__":
    lock = mp.Lock()
    with mp.Pool(2) as pool:
        print(pool.map(write_row, [(lock, ("a", "1")), (lock, ("b", "2"))]))
