"""Run exporter plugins found in ./plugins in a process pool.

Modelled on https://github.com/uqfoundation/multiprocess/issues/107
("multiprocess doesn't honor modified sys.path and fails with
ModuleNotFoundError"), about adding a directory to sys.path at runtime and
then starting worker processes.

Why it works (trap): the plugin modules are imported normally by name after
sys.path.insert(), so Plugin instances pickle by reference as
"csv_export.Plugin" / "json_export.Plugin".  Standard multiprocessing sends the
parent's current sys.path to spawn and forkserver children in the preparation
data, and fork children inherit it, so the workers can import the plugin
modules while unpickling.  The path is added before the Pool starts.
"""
import importlib
import os
import sys
from multiprocessing import Pool

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN_DIR = os.path.join(HERE, "plugins")

ROWS = [
    {"sku": "A-100", "qty": 3, "price": 9.5},
    {"sku": "B-220", "qty": 1, "price": 120.0},
    {"sku": "C-031", "qty": 12, "price": 0.75},
]


def discover_plugins(directory, options):
    if directory not in sys.path:
        sys.path.insert(0, directory)
    plugins = []
    for filename in sorted(os.listdir(directory)):
        if filename.endswith(".py") and not filename.startswith("_"):
            module = importlib.import_module(filename[:-3])
            plugins.append(module.Plugin(**options.get(module.Plugin.name, {})))
    return plugins


def run_plugin(plugin):
    output = plugin.render(ROWS)
    return plugin.name, type(plugin).__module__, len(output), output.splitlines()[0]


if __name__ == "__main__":
    plugins = discover_plugins(PLUGIN_DIR, {"csv": {"delimiter": ";"}, "json": {"indent": 2}})
    with Pool(processes=2) as pool:
        for name, module, size, first_line in pool.map(run_plugin, plugins):
            print(f"{name:<5} from {module:<12} {size:>4} bytes  first line: {first_line}")
