"""A netcat-like line relay written as a `multiprocessing.Process` subclass: the constructor
takes the streams to report on, defaulting to `out=sys.stdout, err=sys.stderr`, and keeps them
on `self` the way the threaded version did; the relay's counters are sent back over a `Pipe`.

Under fork the Process object is inherited, not pickled, and it works.  Under spawn and
forkserver `start()` pickles the whole Process object, including `self.out`, and fails in the
parent with "cannot pickle '_io.TextIOWrapper' object".

(the shape of https://github.com/bw0rth/pync/pull/8: classes that stored sys.stdin/stdout/
stderr directly, until multiprocessing.Process could not pickle them)
"""

import io
import sys
from multiprocessing import Pipe, Process


class LineRelay(Process):
    def __init__(self, lines, conn, out=sys.stdout, err=sys.stderr, prefix="> "):
        super().__init__(daemon=True)
        self.lines = list(lines)
        self.conn = conn
        self.out = out
        self.err = err
        self.prefix = prefix

    def run(self):
        sent = dropped = 0
        for line in self.lines:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                dropped += 1
                continue
            if len(line) > 40:
                self.err.write(f"line too long, truncated: {line[:20]}...\n")
                line = line[:40]
            self.out.write(self.prefix + line + "\n")
            sent += 1
        self.out.flush()
        self.conn.send({"sent": sent, "dropped": dropped})
        self.conn.close()


def sample_input():
    buf = io.StringIO()
    buf.write("# session transcript\n")
    for i in range(6):
        buf.write(f"GET /item/{i} HTTP/1.1\n")
    buf.write("\n")
    buf.write("POST /upload " + "x" * 60 + "\n")
    buf.seek(0)
    return buf.readlines()


if __name__ == "__main__":
    parent_end, child_end = Pipe(duplex=False)
    relay = LineRelay(sample_input(), child_end, prefix="relay> ")
    relay.start()
    child_end.close()

    stats = parent_end.recv()
    relay.join(timeout=5)
    print(f"relay finished with exit code {relay.exitcode}: {stats}")
