"""Pass an open log file to a child process."""
import os
import sys
import tempfile
from multiprocessing import Process


def write_log(fh, msg):
    fh.write(msg + "\n")
    fh.flush()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "job.log"), "w") as fh:
            p = Process(target=write_log, args=(fh, "started"))
            p.start()
            p.join()
    sys.exit(p.exitcode)
