"""Process subclass storing an mp.Queue attribute (fine)."""
import sys
from multiprocessing import Process, Queue


class Exporter(Process):
    def __init__(self, table, out):
        super().__init__()
        self.table = table
        self.out = out

    def run(self):
        self.out.put(f"exported {self.table}")


if __name__ == "__main__":
    out = Queue()
    p = Exporter("orders", out)
    p.start()
    print(out.get(timeout=10))
    p.join()
    sys.exit(p.exitcode)
