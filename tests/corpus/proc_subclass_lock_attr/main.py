"""Process subclass storing a threading.Lock attribute."""
import sys
import threading
from multiprocessing import Process


class Exporter(Process):
    def __init__(self, table):
        super().__init__()
        self.table = table
        self.lock = threading.Lock()

    def run(self):
        with self.lock:
            print("export", self.table)


if __name__ == "__main__":
    p = Exporter("orders")
    p.start()
    p.join()
    sys.exit(p.exitcode)
