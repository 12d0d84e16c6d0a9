"""Pass the log file path to a child process (fine twin)."""
import os
import sys
import tempfile
from multiprocessing import Process


def write_log(path, msg):
    with open(path, "a") as fh:
        fh.write(msg + "\n")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        p = Process(target=write_log, args=(os.path.join(tmp, "job.log"), "started"))
        p.start()
        p.join()
    sys.exit(p.exitcode)
