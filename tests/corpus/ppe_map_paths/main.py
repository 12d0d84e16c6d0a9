"""Map over pathlib.Path objects (fine twin)."""
import pathlib
import tempfile
from concurrent.futures import ProcessPoolExecutor


def size(path):
    return len(path.read_text())


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(2):
            p = pathlib.Path(tmp) / f"f{i}.txt"
            p.write_text("x" * (i + 1))
            paths.append(p)
        with ProcessPoolExecutor(max_workers=2) as ex:
            print(list(ex.map(size, paths)))
