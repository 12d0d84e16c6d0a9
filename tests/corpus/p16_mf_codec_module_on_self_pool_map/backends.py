"""Pick a compression backend by name, falling back to what this Python has."""

import importlib

# name -> (module, file suffix), best ratio first
CODECS = {
    "xz": ("lzma", ".xz"),
    "bzip2": ("bz2", ".bz2"),
    "gzip": ("gzip", ".gz"),
    "zlib": ("zlib", ".zz"),
}


def load_codec(preferred=("xz", "bzip2", "gzip")):
    """Return (module, suffix) for the first codec in `preferred` that imports."""
    for name in preferred:
        module_name, suffix = CODECS[name]
        try:
            return importlib.import_module(module_name), suffix
        except ImportError:
            continue
    return importlib.import_module("zlib"), ".zz"
