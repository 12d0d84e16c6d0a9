"""Export config dataclass (config.py) carrying an open output file."""
import os
import tempfile
from multiprocessing import Pool

from config import ExportConfig


def export(cfg):
    return f"{cfg.table} -> {cfg.out.name}"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "out.csv"), "w") as fh:
            with Pool(2) as pool:
                print(pool.map(export, [ExportConfig("orders", fh)]))
