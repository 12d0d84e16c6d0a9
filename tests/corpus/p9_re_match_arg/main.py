"""Log lines are matched in the parent and the re.Match objects are sent to workers."""
import re
from multiprocessing import Pool

LINE = re.compile(r"(?P<level>[A-Z]+) (?P<msg>.*)")


def render(match):
    return f"[{match['level']}] {match['msg']}"


if __name__ == "__main__":
    lines = ["INFO started", "ERROR disk full"]
    matches = [LINE.match(l) for l in lines]
    with Pool(2) as pool:
        print(pool.map(render, matches))
