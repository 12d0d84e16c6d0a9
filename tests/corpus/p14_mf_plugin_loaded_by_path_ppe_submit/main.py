"""A text toolkit discovers its plugins in a ``plugins/`` folder and loads each file with
``importlib.util.spec_from_file_location`` under a made-up module name (``textkit_plugin_<stem>``,
registered in sys.modules by plugin_loader.py). The plugins' ``transform`` functions are submitted
to a ProcessPoolExecutor. pickle sends a function as module + name, and a spawned or forkserver
worker cannot import ``textkit_plugin_<stem>`` (nothing on its sys.path has that name), so the
pool breaks; under fork the worker inherits sys.modules and the plugins run (the shape of
https://github.com/byexamples/byexample/issues/220)."""
import os
from concurrent.futures import ProcessPoolExecutor, as_completed

from plugin_loader import load_plugins

HERE = os.path.dirname(os.path.abspath(__file__))

DOCUMENTS = {
    "readme": "the quick brown fox jumps over the lazy dog",
    "notes": "process pools pickle functions by reference",
    "todo": "write more tests and fewer bugs",
}


def apply_plugin(transform, doc_name, text):
    return doc_name, transform(text)


def run_pipeline(plugins, documents, workers=2):
    results = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(apply_plugin, plugin.transform, name, text): (plugin.name, name)
            for plugin in plugins
            for name, text in documents.items()
        }
        for future in as_completed(futures):
            plugin_name, _ = futures[future]
            doc_name, output = future.result()
            results[(plugin_name, doc_name)] = output
    return results


if __name__ == "__main__":
    plugins = load_plugins(os.path.join(HERE, "plugins"))
    print("loaded plugins:", ", ".join(p.name for p in plugins))
    results = run_pipeline(plugins, DOCUMENTS)
    for (plugin_name, doc_name), output in sorted(results.items()):
        print(f"{plugin_name:14} {doc_name:8} {output}")
