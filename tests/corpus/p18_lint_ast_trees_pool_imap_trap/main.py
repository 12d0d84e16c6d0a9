"""Project linter: parse every module in worker processes, then run the
cross-module rules on the parsed trees (again in the pool).

Modelled on https://github.com/eliben/pycparser/issues/82 ("Not possible to
serialize the AST ... use case: parse a large repository once and store the ast
for further processing").

Why this works (trap): the workers return, and later receive, whole
ast.Module trees.  Standard-library AST nodes are built to be pickled: ast.AST
defines __reduce__ (type plus the _fields/_attributes values), so trees of any
size travel through Pool.imap(chunksize=...) and Pool.map like nested tuples,
under every start method.  Source files are written to a TemporaryDirectory
that is removed at the end.
"""
import ast
import multiprocessing
import os
import tempfile

import rules

MODULES = {
    "app.py": "import os\nimport sys\nfrom util import slugify\n\ndef main(argv):\n    return slugify(argv[0])\n",
    "util.py": "import re\nimport json\n\ndef slugify(text):\n    return re.sub(r'[^a-z0-9]+', '-', text.lower())\n",
    "models.py": "from dataclasses import dataclass, field\n\n@dataclass\nclass User:\n    name: str\n",
    "cli.py": "import argparse\nimport app\n\ndef run():\n    p = argparse.ArgumentParser()\n    return app.main(p.parse_args().rest)\n",
}


def parse_file(path):
    with open(path, encoding="utf-8") as fh:
        source = fh.read()
    return os.path.basename(path)[:-3], ast.parse(source, filename=path)


def check_tree(item):
    module, tree = item
    return rules.unused_imports(module, tree)


def write_sources(root):
    for name, text in MODULES.items():
        with open(os.path.join(root, name), "w", encoding="utf-8") as fh:
            fh.write(text)
    return sorted(os.path.join(root, n) for n in MODULES)


def main():
    with tempfile.TemporaryDirectory(prefix="lint-") as root:
        paths = write_sources(root)
        with multiprocessing.Pool(2) as pool:
            trees = dict(pool.imap(parse_file, paths, chunksize=3))
            findings = [f for group in pool.map(check_tree, sorted(trees.items())) for f in group]
    exported = {m: rules.defined_functions(t) for m, t in trees.items()}
    print("functions:", {m: sorted(f) for m, f in sorted(exported.items())})
    for module, line, name in sorted(findings):
        print(f"{module}.py:{line}: unused import {name!r}")


if __name__ == "__main__":
    main()
