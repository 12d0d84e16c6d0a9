"""Process subclass that opens its output file in __init__ (in the parent)."""
import os
import sys
import tempfile
from multiprocessing import Process


class CsvWriter(Process):
    def __init__(self, path, rows):
        super().__init__()
        self.rows = rows
        self.fh = open(path, "w")

    def run(self):
        for r in self.rows:
            self.fh.write(",".join(r) + "\n")
        self.fh.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        p = CsvWriter(os.path.join(tmp, "out.csv"), [("a", "1"), ("b", "2")])
        p.start()
        p.join()
        p.fh.close()
    sys.exit(p.exitcode)
