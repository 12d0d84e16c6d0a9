"""Seismic-survey style cube reader: `load_slice` is decorated with
`@functools.lru_cache(maxsize=32)` at class level so repeated slices are not re-read from
disk, and both the cached method and a method that calls it are handed to a pool:
`pool.map(cube.load_slice, ...)` and `pool.map(cube.slice_stats, ...)`.

This is a trap: it works under every start method.  `cube.load_slice` is a real bound method
(the lru_cache wrapper binds like a function), and a bound method pickles as
`getattr(cube, "load_slice")`, a name update_wrapper kept.  The cache lives on the class-level
wrapper, not on the instance, so it is not pickled; each worker just starts with its own
empty cache.  (Wrapping `self._method` with lru_cache inside __init__ would fail under spawn.)

(the shape of https://github.com/gazprom-neft/seismiqb/issues/43: lru_cache on a method,
whose cache belongs to the class, not the instance)
"""

import functools
import os
import struct
import tempfile
from multiprocessing import Pool

N_SLICES = 8
SLICE_W, SLICE_H = 16, 12


class Cube:
    def __init__(self, path):
        self.path = path
        self.slice_bytes = SLICE_W * SLICE_H * 4

    @functools.lru_cache(maxsize=32)
    def load_slice(self, index):
        with open(self.path, "rb") as fh:
            fh.seek(index * self.slice_bytes)
            raw = fh.read(self.slice_bytes)
        return struct.unpack(f"<{SLICE_W * SLICE_H}f", raw)

    def slice_stats(self, index):
        values = self.load_slice(index)
        again = self.load_slice(index)  # served from this worker's cache
        assert values is again
        mean = sum(values) / len(values)
        return index, round(min(values), 3), round(max(values), 3), round(mean, 3)


def write_cube(path):
    with open(path, "wb") as fh:
        for k in range(N_SLICES):
            values = [((x * y + k * 31) % 97) / 9.7 for y in range(SLICE_H) for x in range(SLICE_W)]
            fh.write(struct.pack(f"<{len(values)}f", *values))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "survey.cube")
        write_cube(path)
        cube = Cube(path)

        with Pool(3) as pool:
            first_values = pool.map(cube.load_slice, [0, 3, 5])
            stats = pool.map(cube.slice_stats, range(N_SLICES))

    print("first samples:", [round(v[1], 3) for v in first_values])
    for index, lo, hi, mean in stats:
        print(f"slice {index}: min={lo} max={hi} mean={mean}")
