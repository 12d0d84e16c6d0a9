# loky's executor.map with a log file opened for writing passed to each call: cloudpickle
# sends files opened for reading by their contents, and refuses the others.
import os
import tempfile

from loky import get_reusable_executor


def process(log, item):
    return item * 2


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp, open(os.path.join(tmp, "out.log"), "w") as log:
        executor = get_reusable_executor(max_workers=2)
        print(list(executor.map(process, [log] * 3, range(3))))
