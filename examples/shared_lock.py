"""Append results to a shared log file, serialised by a lock.

Expected: MP007 (error) — a multiprocessing.Lock is passed as a Pool task argument; it may
only be shared through inheritance (Process args or the pool initializer).
"""

import multiprocessing as mp

LOG_PATH = "shared_lock_example.log"


def record(args):
    lock, value = args
    with lock, open(LOG_PATH, "a") as log:
        log.write(f"{value}\n")
    return value


def main():
    lock = mp.Lock()
    with mp.Pool(processes=4) as pool:
        done = pool.map(record, [(lock, n) for n in range(10)])
    print(f"recorded {len(done)} values")


if __name__ == "__main__":
    main()
