"""An exporter writes records in parallel with Pool.apply_async, passing its settings object with
each record. The settings (settings.py) are a dataclass that, in ``__post_init__``, imports the
serializer module matching the chosen format (``json`` or ``marshal``) and stores the module
itself in a field, so that workers can call ``settings.serializer.dumps``. Pickling the task
fails on that field, "cannot pickle 'module' object", under every start method (the shape of
https://github.com/saimn/sigal/issues/75, "Can't pickle <type 'module'>")."""
import multiprocessing
import os
import tempfile

from settings import load_settings


def export_record(settings, record):
    path = settings.path_for(record["id"])
    data = settings.encode(record)
    with open(path, "wb") as fh:
        fh.write(data)
    return record["id"], len(data)


def make_records(n):
    return [
        {"id": f"r{i:03d}", "name": f"item {i}", "tags": ["a", "b"][: i % 3], "score": i * 1.5}
        for i in range(n)
    ]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as out_dir:
        settings = load_settings(out_dir, fmt="json", indent=2)
        print("exporting with", settings.describe())
        with multiprocessing.Pool(processes=2) as pool:
            pending = [
                pool.apply_async(export_record, (settings, record))
                for record in make_records(6)
            ]
            written = [result.get(timeout=10) for result in pending]
        total = sum(size for _, size in written)
        print(f"{len(written)} files, {total} bytes in {os.path.basename(out_dir)}")
