"""Explicit forkserver context Process with a lambda target."""
import sys
import multiprocessing as mp

if __name__ == "__main__":
    ctx = mp.get_context("forkserver")
    p = ctx.Process(target=lambda: None)
    p.start()
    p.join()
    sys.exit(p.exitcode)
