"""Uploaded bytes are wrapped in io.TextIOWrapper(io.BytesIO(...)) and sent to the pool."""
import io
from concurrent.futures import ProcessPoolExecutor


def first_word(stream):
    return stream.read().split()[0]


if __name__ == "__main__":
    uploads = [b"hello world", b"spam eggs"]
    streams = [io.TextIOWrapper(io.BytesIO(u), encoding="utf-8") for u in uploads]
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(first_word, streams)))
