"""functools.partial of a module function with a compiled regex bound as a keyword."""
import re
from functools import partial
from concurrent.futures import ProcessPoolExecutor

WORD = re.compile(r"[a-z']+")


def tokens(line, pattern):
    return pattern.findall(line.lower())


if __name__ == "__main__":
    split = partial(tokens, pattern=WORD)
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(split, ["Don't panic", "Hello, World"])))
