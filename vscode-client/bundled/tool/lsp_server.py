# -*- coding: utf-8 -*-
"""Start the mp-lsp language server for the VS Code extension.

The extension runs ``<python> lsp_server.py [serve options]``. Depending on
``MP_LSP_IMPORT_STRATEGY`` this puts the libraries shipped in the extension
(``bundled/libs``: mp_lsp, pygls, jedi and their dependencies) first on ``sys.path``
("useBundled", the default) or uses the mp_lsp installed in that Python's environment
("fromEnvironment"), then runs ``python -m mp_lsp serve`` through runpy.

It must be able to say what is wrong on any Python, even one that cannot run the server, so
this file avoids syntax newer than Python 2.7 until the version check has passed. Each
failure has its own exit code, which the extension turns into a notification:

* 3: this Python is too old (mp-lsp needs 3.9 or newer);
* 4: the bundled libraries are missing or incomplete;
* 5: mp_lsp is not installed in this environment (import strategy "fromEnvironment").

``--check`` prints a line of JSON describing what would run, instead of serving.
"""

import os
import sys

MINIMUM_PYTHON = (3, 9)
EXIT_PYTHON_TOO_OLD = 3
EXIT_BUNDLED_LIBS_MISSING = 4
EXIT_NOT_IN_ENVIRONMENT = 5

TOOL_DIR = os.path.dirname(os.path.abspath(__file__))
LIBS_DIR = os.path.normpath(os.path.join(TOOL_DIR, os.pardir, "libs"))


def fail(code, message):
    sys.stderr.write("mp-lsp: " + message + "\n")
    sys.stderr.flush()
    sys.exit(code)


def check_python():
    if tuple(sys.version_info[:2]) < MINIMUM_PYTHON:
        fail(
            EXIT_PYTHON_TOO_OLD,
            "Python %d.%d.%d at %s is too old to run the language server; it needs Python "
            "%d.%d or newer. Choose a newer interpreter (setting mp-lsp.interpreter, or the "
            "Python extension's interpreter selection)."
            % (
                sys.version_info[0],
                sys.version_info[1],
                sys.version_info[2],
                sys.executable,
                MINIMUM_PYTHON[0],
                MINIMUM_PYTHON[1],
            ),
        )


def import_server(strategy):
    """Make ``mp_lsp`` importable the way ``strategy`` says, and import what serving needs."""
    if strategy == "useBundled":
        if not os.path.isdir(os.path.join(LIBS_DIR, "mp_lsp")):
            fail(
                EXIT_BUNDLED_LIBS_MISSING,
                "the bundled libraries are missing: %s has no mp_lsp package. The extension "
                "is incomplete; reinstall it (a development checkout needs `npm run bundle`)."
                % LIBS_DIR,
            )
        sys.path.insert(0, LIBS_DIR)
    try:
        import mp_lsp  # noqa: F401
        import mp_lsp.server  # noqa: F401  (pygls, lsprotocol, jedi...)
    except ImportError as error:
        if strategy == "useBundled":
            fail(
                EXIT_BUNDLED_LIBS_MISSING,
                "the bundled libraries in %s are incomplete (%s: %s). Reinstall the extension."
                % (LIBS_DIR, type(error).__name__, error),
            )
        fail(
            EXIT_NOT_IN_ENVIRONMENT,
            "mp-lsp is not installed in the environment of %s (%s: %s). Install it there "
            "(`%s -m pip install mp-lsp`) or set mp-lsp.importStrategy to \"useBundled\"."
            % (sys.executable, type(error).__name__, error, sys.executable),
        )


def describe(strategy):
    import json

    import mp_lsp

    return json.dumps(
        {
            "python": sys.executable,
            "pythonVersion": "%d.%d.%d" % tuple(sys.version_info[:3]),
            "importStrategy": strategy,
            "mpLspVersion": getattr(mp_lsp, "__version__", None),
            "mpLspLocation": os.path.dirname(os.path.abspath(mp_lsp.__file__)),
            "bundledLibs": LIBS_DIR,
        }
    )


def main():
    check_python()
    strategy = os.environ.get("MP_LSP_IMPORT_STRATEGY", "useBundled")
    if strategy not in ("useBundled", "fromEnvironment"):
        strategy = "useBundled"
    import_server(strategy)
    arguments = sys.argv[1:]
    if arguments[:1] == ["--check"]:
        sys.stdout.write(describe(strategy) + "\n")
        return
    import runpy

    sys.argv = ["mp-lsp", "serve"] + arguments
    runpy.run_module("mp_lsp", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
