"""A log reader holding an open file defines __reduce__ to rebuild itself from the path."""
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor


class LogReader:
    def __init__(self, path):
        self.path = path
        self.fh = open(path)

    def __reduce__(self):
        return (LogReader, (self.path,))

    def count(self, word):
        self.fh.seek(0)
        return sum(word in line for line in self.fh)


def count(reader, word):
    return reader.count(word)


if __name__ == "__main__":
    fd, path = tempfile.mkstemp()
    os.write(fd, b"ERROR a\nINFO b\nERROR c\n")
    os.close(fd)
    reader = LogReader(path)
    with ProcessPoolExecutor(max_workers=2) as ex:
        print([ex.submit(count, reader, w).result() for w in ("ERROR", "INFO")])
    reader.fh.close()
    os.remove(path)
