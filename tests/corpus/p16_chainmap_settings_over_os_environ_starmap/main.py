"""Report exporter that layers its settings the usual way: command-line overrides first, then
the environment, then built-in defaults, with `collections.ChainMap(cli, os.environ,
DEFAULTS)`.  The whole settings object is handed to every export job through
`pool.starmap(export_report, [(name, settings), ...])`.

A ChainMap pickles its maps, and one of them is `os.environ`, an `os._Environ` whose
encode/decode helpers are functions local to `os._createenviron`: "Can't pickle local object
'_createenviron.<locals>.encode'", under every start method (`dict(os.environ)` would pickle).

(the shape of https://github.com/horovod/horovod/issues/2037: os.environ handed to code that
sends it to another process)
"""

import collections
import csv
import json
import os
import sys
import tempfile
from multiprocessing import Pool

DEFAULTS = {
    "REPORT_FORMAT": "csv",
    "REPORT_DELIMITER": ";",
    "REPORT_ROUNDING": "2",
    "REPORT_DIR": tempfile.gettempdir(),
}


def parse_overrides(argv):
    overrides = {}
    for arg in argv:
        if arg.startswith("--") and "=" in arg:
            key, value = arg[2:].split("=", 1)
            overrides["REPORT_" + key.upper().replace("-", "_")] = value
    return overrides


def build_settings(argv):
    return collections.ChainMap(parse_overrides(argv), os.environ, DEFAULTS)


def make_rows(name):
    seed = sum(map(ord, name))
    return [{"region": f"r{i}", "revenue": (seed * (i + 3)) / 7} for i in range(5)]


def export_report(name, settings):
    digits = int(settings["REPORT_ROUNDING"])
    rows = [{**r, "revenue": round(r["revenue"], digits)} for r in make_rows(name)]
    target = os.path.join(settings["REPORT_DIR"], f"{name}.{settings['REPORT_FORMAT']}")
    with open(target, "w", newline="") as fh:
        if settings["REPORT_FORMAT"] == "json":
            json.dump(rows, fh)
        else:
            writer = csv.DictWriter(fh, fieldnames=["region", "revenue"],
                                    delimiter=settings["REPORT_DELIMITER"])
            writer.writeheader()
            writer.writerows(rows)
    return target, len(rows)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as out_dir:
        settings = build_settings(sys.argv[1:] + [f"--dir={out_dir}", "--rounding=1"])
        reports = ["weekly", "monthly", "quarterly", "churn"]

        with Pool(2) as pool:
            written = pool.starmap(export_report, [(name, settings) for name in reports])

        for target, count in written:
            print(os.path.basename(target), count)
