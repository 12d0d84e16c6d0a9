"""Image-patch dataset with a configurable read cache: `__init__` builds the cached reader with
`self.read_bytes_cached = functools.lru_cache(maxsize=cache_size)(self._read_bytes)`, so the
cache size can come from the constructor.  The dataset is handed to the pool workers once,
through `Pool(initializer=init_worker, initargs=(dataset,))`, and items are loaded with
`pool.map(load_item, indices)`.

Under fork the initializer's arguments are inherited and it works.  Under spawn and forkserver
they are pickled with the worker Process, and the lru_cache wrapper pickles by its copied
qualified name, `ImageDataset._read_bytes`, which names the plain function, not the wrapper:
"Can't pickle <functools._lru_cache_wrapper ...>: it's not the same object as
__main__.ImageDataset._read_bytes", raised in the parent when the Pool starts.

(the shape of https://github.com/OML-Team/open-metric-learning/issues/273: lru_cache wrapped
around a bound method in __init__ breaks under the spawn start method)
"""

import functools
import os
import struct
import tempfile
from multiprocessing import Pool


class ImageDataset:
    def __init__(self, root, cache_size=64):
        self.root = root
        self.paths = sorted(os.path.join(root, n) for n in os.listdir(root) if n.endswith(".raw"))
        self.read_bytes_cached = functools.lru_cache(maxsize=cache_size)(self._read_bytes)

    def _read_bytes(self, path):
        with open(path, "rb") as fh:
            return fh.read()

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, index):
        data = self.read_bytes_cached(self.paths[index])
        width, height = struct.unpack("<HH", data[:4])
        pixels = data[4:]
        mean = sum(pixels) / len(pixels)
        return os.path.basename(self.paths[index]), (width, height), round(mean, 2)


_dataset = None


def init_worker(dataset):
    global _dataset
    _dataset = dataset


def load_item(index):
    return _dataset[index]


def write_images(root, count=6):
    for i in range(count):
        w, h = 8 + i, 6
        pixels = bytes((x * 7 + i * 13) % 256 for x in range(w * h))
        with open(os.path.join(root, f"img{i:02d}.raw"), "wb") as fh:
            fh.write(struct.pack("<HH", w, h) + pixels)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as root:
        write_images(root)
        dataset = ImageDataset(root, cache_size=16)
        with Pool(2, initializer=init_worker, initargs=(dataset,)) as pool:
            items = pool.map(load_item, range(len(dataset)))

    for name, size, mean in items:
        print(name, size, mean)
