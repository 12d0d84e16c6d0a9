"""Export config dataclass carrying a pathlib.Path (fine)."""
import pathlib
import tempfile
from multiprocessing import Pool

from config import ExportConfig


def export(cfg):
    cfg.out.write_text(cfg.table)
    return cfg.out.name


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        with Pool(2) as pool:
            print(pool.map(export, [ExportConfig("orders", pathlib.Path(tmp) / "o.csv")]))
