"""Pass a memoryview slice of an image buffer to a worker."""
from concurrent.futures import ProcessPoolExecutor


def checksum(view):
    return sum(view) % 251


if __name__ == "__main__":
    data = bytearray(b"\x89PNG fake image bytes")
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(checksum, memoryview(data)[4:]).result())
