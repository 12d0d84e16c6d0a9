"""Process started at module level without a main guard."""
import sys
from multiprocessing import Process


def ping():
    print("ping")


p = Process(target=ping)
p.start()
p.join()
sys.exit(p.exitcode)
