"""A subprocess.Popen handle is passed to a worker that waits for it."""
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor


def wait_for(proc):
    return proc.wait()


if __name__ == "__main__":
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        with ProcessPoolExecutor(max_workers=1) as ex:
            print(ex.submit(wait_for, proc).result())
    finally:
        proc.wait()
