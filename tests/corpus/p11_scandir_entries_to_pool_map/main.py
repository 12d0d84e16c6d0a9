"""The os.DirEntry objects from os.scandir are given to Pool.map to checksum each file (https://stackoverflow.com/questions/57849854/os-scandir-and-multiprocessing-threadpool-works-but-multi-process-pool-doesn)."""
import hashlib
import os
import tempfile
from multiprocessing import Pool


def checksum(entry):
    with open(entry.path, "rb") as fh:
        return entry.name, hashlib.sha256(fh.read()).hexdigest()[:12]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.txt", "b.txt", "c.txt"):
            with open(os.path.join(folder, name), "w") as fh:
                fh.write(name * 10)
        entries = [e for e in os.scandir(folder) if e.is_file()]
        with Pool(2) as pool:
            for name, digest in pool.map(checksum, entries):
                print(name, digest)
