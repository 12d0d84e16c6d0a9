"""Summarises a log file under a process-based @timeout decorator, which runs the original,
undecorated function in a child Process (the shape of
https://github.com/pnpnpn/timeout-decorator/issues/43)."""
import collections
import os
import tempfile

from timeouts import timeout


@timeout(5)
def summarize_log(path):
    levels = collections.Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            levels[line.split(" ", 1)[0]] += 1
    return dict(levels)


if __name__ == "__main__":
    fd, path = tempfile.mkstemp(suffix=".log")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("INFO started\nWARN disk 91%\nINFO request ok\nERROR upstream 502\n")
    print(summarize_log(path))
    os.remove(path)
