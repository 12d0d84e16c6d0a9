"""Helpers around the nightly export tarball."""

import io
import json
import tarfile


def build_export(path, tables):
    """Write one JSON-lines member per table into a gzip'd tarball."""
    with tarfile.open(path, "w:gz") as tar:
        for name, rows in tables.items():
            data = "".join(json.dumps(r) + "\n" for r in rows).encode()
            info = tarfile.TarInfo(f"export/{name}.jsonl")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def open_export(path):
    """Open the tarball and return it with its regular-file members, largest first."""
    tar = tarfile.open(path, "r:gz")
    members = sorted((m for m in tar.getmembers() if m.isfile()), key=lambda m: -m.size)
    return tar, members
