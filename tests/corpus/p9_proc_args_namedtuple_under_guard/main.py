"""A namedtuple type is created under the main guard and its instance passed to a Process."""
import multiprocessing as mp
import sys
from collections import namedtuple


def run(job):
    print(f"running {job.name} with {job.cpus} cpus")


if __name__ == "__main__":
    Job = namedtuple("Job", ["name", "cpus"])
    p = mp.Process(target=run, args=(Job("train", 2),))
    p.start()
    p.join()
    sys.exit(p.exitcode)
