"""Three-stage text pipeline that shares one scratch area: the parent creates
`scratch = tempfile.TemporaryDirectory(prefix="pipeline-")` and passes the TemporaryDirectory
*object* (not its name) to every `ProcessPoolExecutor.submit(run_stage, scratch, ...)`; the
workers write their stage files under `scratch.name`, and the parent merges them and calls
`scratch.cleanup()` at the end.

This is a trap: it works under every start method.  A TemporaryDirectory pickles as its
attributes: the `name` string and its weakref.finalize object, which has no state of its own
and arrives in the worker as a finalizer that is not alive.  The copies in the workers never
delete the folder, so it survives until the parent cleans it up.

(the shape of https://github.com/python/cpython/issues/88271: a TemporaryDirectory shared
with workers, and when the folder goes away)
"""

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor, wait

TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope."""


def run_stage(scratch, stage, lines):
    if stage == "upper":
        out = [line.upper() for line in lines]
    elif stage == "words":
        out = [str(len(line.split())) for line in lines]
    else:
        out = [line[::-1] for line in lines]
    path = os.path.join(scratch.name, f"{stage}.txt")
    with open(path, "w") as fh:
        fh.write("\n".join(out))
    return stage, path, len(out)


def merge(scratch, stages):
    merged = {}
    for stage in stages:
        with open(os.path.join(scratch.name, f"{stage}.txt")) as fh:
            merged[stage] = fh.read().splitlines()
    return merged


if __name__ == "__main__":
    lines = TEXT.splitlines()
    stages = ["upper", "words", "reverse"]
    scratch = tempfile.TemporaryDirectory(prefix="pipeline-")
    try:
        with ProcessPoolExecutor(max_workers=3) as pool:
            futures = [pool.submit(run_stage, scratch, stage, lines) for stage in stages]
            done, _ = wait(futures)
        for f in done:
            stage, path, count = f.result()
            print(f"{stage}: {count} lines -> {os.path.basename(path)}")

        still_there = os.path.isdir(scratch.name)
        merged = merge(scratch, stages)
        print("scratch folder still there after the workers exited:", still_there)
        for a, b, c in zip(merged["upper"], merged["words"], merged["reverse"]):
            print(b.rjust(3), a[:30], "|", c[:20])
    finally:
        scratch.cleanup()
