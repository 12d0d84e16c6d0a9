"""A `global` worker defined by init() before a fork Process is started."""
import multiprocessing as mp
import sys


def init():
    global report

    def report(name):
        print(f"report for {name}")


if __name__ == "__main__":
    init()
    p = mp.get_context("fork").Process(target=report, args=("q3",))
    p.start()
    p.join()
    sys.exit(p.exitcode)
