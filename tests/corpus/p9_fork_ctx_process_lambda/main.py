"""A fork-context Process runs a lambda target with a threading.Event argument."""
import multiprocessing as mp
import sys
import threading

if __name__ == "__main__":
    ctx = mp.get_context("fork")
    ready = threading.Event()
    p = ctx.Process(target=lambda ev: print("child sees", ev.is_set()), args=(ready,))
    p.start()
    p.join()
    sys.exit(p.exitcode)
