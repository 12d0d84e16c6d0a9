"""Log archiver: `Archiver.__init__` asks a helper module (backends.py) for the best
compression codec available and keeps what it gets, the codec *module* itself (lzma, bz2 or
gzip), on `self.codec`.  The files are compressed in parallel with
`pool.map(archiver.compress_file, paths)`.

The bound method pickles its instance, and the instance holds a module object: "cannot pickle
'module' object", under every start method.  (Keeping the codec's name and importing it in
the worker would work.)

(the shape of https://github.com/saimn/sigal/issues/75: "Can't pickle <type 'module'>" when
a pool sends work that refers to a module)
"""

import os
import tempfile
from multiprocessing import Pool

import backends


class Archiver:
    def __init__(self, dest, preferred=("xz", "bzip2", "gzip"), level=6):
        self.dest = dest
        self.level = level
        self.codec, self.suffix = backends.load_codec(preferred)

    def compress_file(self, path):
        with open(path, "rb") as fh:
            data = fh.read()
        if self.codec.__name__ == "lzma":
            packed = self.codec.compress(data, preset=self.level)
        else:
            packed = self.codec.compress(data, self.level)
        target = os.path.join(self.dest, os.path.basename(path) + self.suffix)
        with open(target, "wb") as fh:
            fh.write(packed)
        return os.path.basename(path), len(data), len(packed)


def write_logs(folder, count=5):
    paths = []
    for i in range(count):
        path = os.path.join(folder, f"app-{i}.log")
        with open(path, "w") as fh:
            for n in range(400):
                fh.write(f"2024-05-0{i + 1} 12:{n % 60:02d} INFO request {n} served in {n % 17} ms\n")
        paths.append(path)
    return paths


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as dest:
        paths = write_logs(src)
        archiver = Archiver(dest)
        with Pool(3) as pool:
            stats = pool.map(archiver.compress_file, paths)

    for name, raw, packed in stats:
        print(f"{name}: {raw} -> {packed} bytes ({packed / raw:.1%})")
