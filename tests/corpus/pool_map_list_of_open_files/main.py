"""Pass a list of open file objects to pool.map."""
import os
import tempfile
from multiprocessing import Pool


def first_line(fh):
    return fh.readline().strip()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(3):
            p = os.path.join(tmp, f"part{i}.csv")
            with open(p, "w") as f:
                f.write(f"header{i}\nrow\n")
            paths.append(p)
        handles = [open(p) for p in paths]
        try:
            with Pool(2) as pool:
                print(pool.map(first_line, handles))
        finally:
            for h in handles:
                h.close()
