"""Log lines are matched in the parent and match.groupdict() is sent to workers."""
import re
from multiprocessing import Pool

LINE = re.compile(r"(?P<level>[A-Z]+) (?P<msg>.*)")


def render(fields):
    return f"[{fields['level']}] {fields['msg']}"


if __name__ == "__main__":
    lines = ["INFO started", "ERROR disk full"]
    with Pool(2) as pool:
        print(pool.map(render, [LINE.match(l).groupdict() for l in lines]))
