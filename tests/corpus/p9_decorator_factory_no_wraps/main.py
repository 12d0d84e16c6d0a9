"""A decorator factory @log_calls(level) whose inner wrapper has no functools.wraps."""
import logging
from multiprocessing import Pool

log = logging.getLogger("jobs")


def log_calls(level=logging.DEBUG):
    def decorate(fn):
        def wrapper(*args, **kwargs):
            log.log(level, "calling %s%r", fn.__name__, args)
            return fn(*args, **kwargs)
        return wrapper
    return decorate


@log_calls(logging.INFO)
def word_count(text):
    return len(text.split())


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(word_count, ["a b c", "hello world"]))
