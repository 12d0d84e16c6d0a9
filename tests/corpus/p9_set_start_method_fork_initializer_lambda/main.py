"""set_start_method("fork") under the guard, then a Pool with a lambda initializer."""
import multiprocessing as mp
import os

_pid_tag = None


def tag(x):
    return f"{x}@{'worker' if _pid_tag else '?'}"


def _set_tag(value):
    global _pid_tag
    _pid_tag = value


if __name__ == "__main__":
    mp.set_start_method("fork")
    with mp.Pool(2, initializer=lambda: _set_tag(os.getpid())) as pool:
        print(pool.map(tag, ["a", "b"]))
