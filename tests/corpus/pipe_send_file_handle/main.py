"""Send an open file over a Pipe connection."""
import os
import sys
import tempfile
import multiprocessing as mp


def reader(conn):
    print(conn.recv())


if __name__ == "__main__":
    parent, child = mp.Pipe()
    p = mp.Process(target=reader, args=(child,))
    p.start()
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "data.txt"), "w") as fh:
            try:
                parent.send(fh)
            finally:
                p.kill()
                p.join()
