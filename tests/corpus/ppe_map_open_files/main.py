"""Map over a list of open file handles."""
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor


def size(fh):
    return len(fh.read())


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        handles = []
        for i in range(2):
            p = os.path.join(tmp, f"f{i}.txt")
            with open(p, "w") as f:
                f.write("x" * (i + 1))
            handles.append(open(p))
        try:
            with ProcessPoolExecutor(max_workers=2) as ex:
                print(list(ex.map(size, handles)))
        finally:
            for h in handles:
                h.close()
