"""An in-memory io.StringIO buffer is handed to a worker."""
import io
from multiprocessing import Pool


def count_lines(buf):
    buf.seek(0)
    return sum(1 for _ in buf)


if __name__ == "__main__":
    buffers = [io.StringIO("a\nb\nc\n"), io.StringIO("x\n")]
    with Pool(2) as pool:
        print(pool.map(count_lines, buffers))
