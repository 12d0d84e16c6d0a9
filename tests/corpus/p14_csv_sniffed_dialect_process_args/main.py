"""An importer receives CSV exports from several systems, each with its own delimiter. The parent
sniffs every file's dialect with ``csv.Sniffer().sniff(sample)`` and starts one Process per file
with ``args=(path, dialect, queue)``. ``Sniffer.sniff`` returns a class it defines inside the
method, so under spawn and forkserver pickling the process arguments fails with "Can't pickle
local object 'Sniffer.sniff.<locals>.dialect'"; under fork the arguments are inherited and the
import works (the shape of https://github.com/datarobot/batch-scoring/pull/88, where a csv dialect
in a Process's args broke spawning)."""
import csv
import multiprocessing
import os
import tempfile

EXPORTS = {
    "crm.csv": ("id;name;balance", ["1;Ann;10.5", "2;Bob;3.25", "3;Cid;7"]),
    "billing.csv": ("id,name,balance", ["4,Dee,1.5", "5,Eve,2.5"]),
    "legacy.tsv": ("id\tname\tbalance", ["6\tFay\t9.75", "7\tGus\t0.25", "8\tHal\t4"]),
}


def write_exports(directory):
    paths = []
    for filename, (header, rows) in EXPORTS.items():
        path = os.path.join(directory, filename)
        with open(path, "w", newline="") as fh:
            fh.write("\n".join([header, *rows]) + "\n")
        paths.append(path)
    return paths


def sniff_dialect(path, sample_size=1024):
    with open(path, newline="") as fh:
        sample = fh.read(sample_size)
    return csv.Sniffer().sniff(sample, delimiters=",;\t")


def load_file(path, dialect, results):
    with open(path, newline="") as fh:
        reader = csv.DictReader(fh, dialect=dialect)
        total = sum(float(row["balance"]) for row in reader)
        results.put((os.path.basename(path), reader.line_num - 1, total))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        results = multiprocessing.Queue()
        procs = []
        for path in write_exports(tmp):
            dialect = sniff_dialect(path)
            proc = multiprocessing.Process(target=load_file, args=(path, dialect, results))
            proc.start()
            procs.append(proc)
        rows = [results.get(timeout=10) for _ in procs]
        for proc in procs:
            proc.join(10)
    for name, count, total in sorted(rows):
        print(f"{name:12} {count} rows, balance {total:.2f}")
