# delayed over a bound method whose object holds an open file for writing and a lock,
# inside `with parallel_config(backend="threading")`: threads share memory, nothing is pickled.
import os
import tempfile
import threading

from joblib import Parallel, delayed, parallel_config


class ResultWriter:
    def __init__(self, path):
        self._fh = open(path, "w")
        self._lock = threading.Lock()

    def write(self, i):
        with self._lock:
            self._fh.write(f"{i}\n")
        return i * i

    def close(self):
        self._fh.close()


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "out.txt")
    writer = ResultWriter(path)
    with parallel_config(backend="threading", n_jobs=2):
        squares = Parallel()(delayed(writer.write)(i) for i in range(5))
    writer.close()
    print(squares)
