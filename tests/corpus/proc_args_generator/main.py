"""Pass a generator of jobs to a child process."""
import sys
from multiprocessing import Process


def consume(jobs):
    for j in jobs:
        print(j)


if __name__ == "__main__":
    p = Process(target=consume, args=((f"job-{i}" for i in range(3)),))
    p.start()
    p.join()
    sys.exit(p.exitcode)
