"""A tempfile.NamedTemporaryFile object (not its name) is passed to the worker."""
import tempfile
from concurrent.futures import ProcessPoolExecutor


def size_of(tmp):
    with open(tmp.name, "rb") as f:
        return len(f.read())


if __name__ == "__main__":
    with tempfile.NamedTemporaryFile(suffix=".bin") as tmp:
        tmp.write(b"\x00" * 64)
        tmp.flush()
        with ProcessPoolExecutor(max_workers=1) as ex:
            print(ex.submit(size_of, tmp).result())
