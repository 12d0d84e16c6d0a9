"""Log-scrubbing pipeline with drop-in plugins, run in a ProcessPoolExecutor.

Modelled on https://github.com/Arelle/Arelle/pull/961 ("Plugins can't create a
multiprocessing pool which uses the spawn context because the plugin modules are
dynamically loaded and therefore not available within a newly spawned process").

Why this works (trap): the plugin objects are sent to every worker through
initializer/initargs, and their classes live in modules that exist only because
plugin_loader imported them from a directory added to sys.path at run time.
They still unpickle in spawn/forkserver children: the plugins are ordinary
top-level modules, and multiprocessing passes the parent's sys.path to each new
process in its preparation data before any argument is unpickled, so
`import redact_emails` succeeds there too.
"""
import os
from concurrent.futures import ProcessPoolExecutor

from plugin_loader import load_plugins

PLUGIN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
SETTINGS = {"redact-emails": {"replacement": "[redacted]"}}

_PIPELINE = []


def install(plugins):
    _PIPELINE[:] = plugins


def scrub(line):
    record = {"text": line}
    for plugin in _PIPELINE:
        record = plugin.apply(record)
    return record["text"]


LINES = [
    "  login ok   for alice@example.com  ",
    "password reset sent to bob.smith+test@mail.example.org",
    "   healthcheck     passed ",
    "carol@example.net   opened ticket   #42",
]


def main():
    plugins = load_plugins(PLUGIN_DIR, SETTINGS)
    print("plugins:", ", ".join(p.name for p in plugins))
    with ProcessPoolExecutor(max_workers=2, initializer=install, initargs=(plugins,)) as pool:
        for line in pool.map(scrub, LINES):
            print(repr(line))


if __name__ == "__main__":
    main()
