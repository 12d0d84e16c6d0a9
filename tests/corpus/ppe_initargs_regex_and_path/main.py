"""Compiled regex and pathlib.Path in initargs (fine)."""
import pathlib
import re
from concurrent.futures import ProcessPoolExecutor

_pattern = None
_root = None


def init(pattern, root):
    global _pattern, _root
    _pattern, _root = pattern, root


def match(name):
    return bool(_pattern.match(name)), str(_root / name)


if __name__ == "__main__":
    with ProcessPoolExecutor(
        max_workers=2, initializer=init, initargs=(re.compile(r"img_\d+"), pathlib.Path("/data"))
    ) as ex:
        print(list(ex.map(match, ["img_001.png", "doc.txt"])))
