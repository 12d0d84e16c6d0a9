import os
import tempfile


def make_sample(text):
    fd, path = tempfile.mkstemp(suffix=".txt")
    os.write(fd, text.encode())
    os.close(fd)
    return path


def open_source(path):
    return open(path, encoding="utf-8")
