"""Discover and load text plugins from a directory of .py files."""
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass
class Plugin:
    name: str
    module_name: str
    transform: Callable[[str], object]


def _import_from_path(module_name, path):
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # as the importlib recipe says
    spec.loader.exec_module(module)
    return module


def load_plugins(directory):
    plugins = []
    for path in sorted(Path(directory).glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _import_from_path(f"textkit_plugin_{path.stem}", path)
        name = getattr(module, "PLUGIN_NAME", path.stem)
        plugins.append(Plugin(name, module.__name__, module.transform))
    return plugins
