"""Start a Process whose target is a lambda."""
import sys
from multiprocessing import Process

if __name__ == "__main__":
    p = Process(target=lambda: print("warming cache"))
    p.start()
    p.join()
    sys.exit(p.exitcode)
