"""A precompiled struct.Struct record format is passed to the worker with the raw bytes."""
import struct
from concurrent.futures import ProcessPoolExecutor

RECORD = struct.Struct("<IHd")


def decode(fmt, blob):
    return [fmt.unpack_from(blob, off) for off in range(0, len(blob), fmt.size)]


if __name__ == "__main__":
    blob = RECORD.pack(1, 2, 3.5) + RECORD.pack(4, 5, 6.25)
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(decode, RECORD, blob).result())
