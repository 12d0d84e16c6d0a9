"""mp-lsp: find the values that ``multiprocessing`` cannot send to another process."""

__version__ = "0.1.0"
