"""Backup manifest builder that checksums files in parallel with
`ProcessPoolExecutor.map(checksum, paths)`.  To let the parent fold several files into one
digest per folder later, the worker returns the live `hashlib.sha256()` object rather than its
hex digest.

The arguments are plain paths and go through fine; it is the result that cannot travel back:
"cannot pickle '_hashlib.HASH' object" is raised in each worker when it sends its result, and
re-raised in the parent by the map iterator, under every start method.

(the shape of https://github.com/tbarbugli/cassandra_snapshotter/issues/20: a hash object
caught up in what a pool sends between processes)
"""

import hashlib
import os
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor

CHUNK = 64 * 1024


def checksum(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            block = fh.read(CHUNK)
            if not block:
                break
            h.update(block)
    return path, os.path.getsize(path), h


def make_tree(root):
    paths = []
    for folder in ("photos", "docs", "music"):
        os.makedirs(os.path.join(root, folder))
        for i in range(3):
            path = os.path.join(root, folder, f"{folder}_{i}.bin")
            with open(path, "wb") as fh:
                fh.write(os.urandom(1024 * (i + 1)))
            paths.append(path)
    return paths


def build_manifest(root, paths):
    per_file = {}
    per_folder = defaultdict(hashlib.sha256)
    with ProcessPoolExecutor(max_workers=3) as pool:
        for path, size, h in pool.map(checksum, paths, chunksize=2):
            rel = os.path.relpath(path, root)
            per_file[rel] = (size, h.hexdigest())
            per_folder[os.path.dirname(rel)].update(h.digest())
    return per_file, {k: v.hexdigest() for k, v in per_folder.items()}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as root:
        paths = make_tree(root)
        files, folders = build_manifest(root, paths)

    for rel, (size, digest) in sorted(files.items()):
        print(f"{digest[:12]}  {size:6d}  {rel}")
    for folder, digest in sorted(folders.items()):
        print(f"{digest[:12]}  {folder}/")
