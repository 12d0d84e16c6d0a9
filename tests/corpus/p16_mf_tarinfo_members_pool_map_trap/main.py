"""Loader for a nightly export tarball: a helper module (archive.py) opens the archive and
returns it together with its `TarInfo` members; the members are mapped over a pool with
`pool.map(partial(load_member, path), members)`, and each worker opens the tarball itself and
reads its member with `tar.extractfile(member)`.  The parent keeps its own TarFile open the
whole time.

This is a trap: it works under every start method.  A TarInfo pickles as a plain
`__slots__` record (name, size, offsets, ...): on 3.11 nothing in a member read from an
archive points back at the open TarFile, so only metadata goes to the workers, and each
worker uses the offsets with its own file.

(the shape of https://github.com/python/cpython/issues/67837: members of one tarfile
extracted in parallel; here with processes, each opening the archive itself)
"""

import json
import os
import tarfile
import tempfile
from functools import partial
from multiprocessing import Pool

import archive


def load_member(path, member):
    with tarfile.open(path, "r:gz") as tar:
        fh = tar.extractfile(member)
        rows = [json.loads(line) for line in fh]
    total = sum(r["amount"] for r in rows)
    return os.path.basename(member.name), len(rows), round(total, 2)


def sample_tables():
    return {
        "orders": [{"id": i, "amount": i * 1.5} for i in range(40)],
        "refunds": [{"id": i, "amount": -i * 0.25} for i in range(7)],
        "payouts": [{"id": i, "amount": 100.0 + i} for i in range(15)],
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "export.tar.gz")
        archive.build_export(path, sample_tables())

        tar, members = archive.open_export(path)
        try:
            print("members:", [m.name for m in members])
            with Pool(3) as pool:
                loaded = pool.map(partial(load_member, path), members)
        finally:
            tar.close()

    for name, count, total in loaded:
        print(f"{name}: {count} rows, total {total}")
