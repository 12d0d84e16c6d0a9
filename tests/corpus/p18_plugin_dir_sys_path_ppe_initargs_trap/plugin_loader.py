"""Discovers plugins in a directory that is not a package: the directory is put
on sys.path and every *.py file in it is imported as a top-level module."""
import importlib
import os
import sys


def load_plugins(plugin_dir, settings):
    if plugin_dir not in sys.path:
        sys.path.insert(0, plugin_dir)
    found = []
    for filename in sorted(os.listdir(plugin_dir)):
        stem, ext = os.path.splitext(filename)
        if ext != ".py" or stem.startswith("_"):
            continue
        module = importlib.import_module(stem)
        plugin_cls = getattr(module, "Plugin")
        found.append(plugin_cls(**settings.get(plugin_cls.name, {})))
    return sorted(found, key=lambda p: p.order)
