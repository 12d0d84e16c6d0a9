"""Process subclass that opens its output file in run() (fine twin)."""
import os
import sys
import tempfile
from multiprocessing import Process


class CsvWriter(Process):
    def __init__(self, path, rows):
        super().__init__()
        self.rows = rows
        self.path = path

    def run(self):
        with open(self.path, "w") as fh:
            for r in self.rows:
                fh.write(",".join(r) + "\n")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        p = CsvWriter(os.path.join(tmp, "out.csv"), [("a", "1"), ("b", "2")])
        p.start()
        p.join()
    sys.exit(p.exitcode)
