"""Pass an in-memory io.BytesIO buffer to a worker (fine: BytesIO pickles)."""
import io
from concurrent.futures import ProcessPoolExecutor


def checksum(buf):
    return sum(buf.getvalue()) % 251


if __name__ == "__main__":
    buf = io.BytesIO(b"\x89PNG fake image bytes")
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(checksum, buf).result())
