"""Export settings: which format, where, and the serializer module for that format."""
import importlib
import os
import types
from dataclasses import dataclass, field

SERIALIZERS = {"json": "json", "marshal": "marshal"}


@dataclass
class ExportSettings:
    out_dir: str
    fmt: str = "json"
    indent: int = 2
    serializer: types.ModuleType = field(init=False, repr=False)

    def __post_init__(self):
        if self.fmt not in SERIALIZERS:
            raise ValueError(f"unknown format {self.fmt!r}")
        self.serializer = importlib.import_module(SERIALIZERS[self.fmt])

    def path_for(self, record_id):
        return os.path.join(self.out_dir, f"{record_id}.{self.fmt}")

    def encode(self, record):
        if self.fmt == "json":
            return self.serializer.dumps(record, indent=self.indent).encode()
        return self.serializer.dumps(record)

    def describe(self):
        return f"{self.fmt} (indent={self.indent}) -> {self.out_dir}"


def load_settings(out_dir, fmt="json", indent=2):
    os.makedirs(out_dir, exist_ok=True)
    return ExportSettings(out_dir=out_dir, fmt=fmt, indent=indent)
