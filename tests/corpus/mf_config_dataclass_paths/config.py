import pathlib
from dataclasses import dataclass


@dataclass
class ExportConfig:
    table: str
    out: pathlib.Path
