"""Process target defined under the main guard."""
import sys
from multiprocessing import Process

if __name__ == "__main__":

    def rebuild_index():
        print("rebuilding")

    p = Process(target=rebuild_index)
    p.start()
    p.join()
    sys.exit(p.exitcode)
