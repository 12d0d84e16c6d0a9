"""Append a threading.Lock to a Manager list."""
import threading
import multiprocessing as mp

if __name__ == "__main__":
    with mp.Manager() as m:
        locks = m.list()
        locks.append(threading.Lock())
        print(len(locks))
