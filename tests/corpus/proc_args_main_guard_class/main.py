"""Process argument is an instance of a class defined under the main guard."""
import sys
from multiprocessing import Process


def handle(job):
    print("handling", job.name)


if __name__ == "__main__":

    class Job:
        def __init__(self, name):
            self.name = name

    p = Process(target=handle, args=(Job("nightly"),))
    p.start()
    p.join()
    sys.exit(p.exitcode)
