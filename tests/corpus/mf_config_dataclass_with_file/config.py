from dataclasses import dataclass
from typing import TextIO


@dataclass
class ExportConfig:
    table: str
    out: TextIO
