"""A manager served on an address (the shape of a remote or shared manager), not made with
``Manager()``: its list proxy pickles what ``append`` is given, and a lock cannot be."""
import threading
from multiprocessing.managers import SyncManager


def main():
    manager = SyncManager(address=("127.0.0.1", 0), authkey=b"secret")
    manager.start()
    rows = manager.list()
    rows.append(threading.Lock())
    manager.shutdown()


if __name__ == "__main__":
    main()
