"""A batch formatter reads a job file whose lines are command lines of their own
("--width 20 --upper some words ..."). It builds its argparse parser once in __init__, keeps it
on self, and lets each worker parse its line in ``self.run_job``, fanned out with Pool.starmap.
Pickling the bound method pickles the formatter and its ArgumentParser, whose type registry holds
a function defined inside ``ArgumentParser.__init__``: "Can't pickle local object" under every
start method (the shape of https://github.com/python/cpython/issues/144782)."""
import argparse
import multiprocessing
import shlex
import textwrap

JOBS = """\
--width 20 --upper the quick brown fox jumps over the lazy dog
--width 30 --indent 4 pickling a parser is harder than it looks
--width 16 short lines wrap early and often
"""


class BatchFormatter:
    def __init__(self, default_width=40):
        self.parser = argparse.ArgumentParser(prog="fmt", exit_on_error=False)
        self.parser.add_argument("--width", type=int, default=default_width)
        self.parser.add_argument("--indent", type=int, default=0)
        self.parser.add_argument("--upper", action="store_true")
        self.parser.add_argument("words", nargs="+")
        self.jobs_done = 0

    def parse_job(self, line):
        return self.parser.parse_args(shlex.split(line))

    def run_job(self, number, line):
        opts = self.parse_job(line)
        text = " ".join(opts.words)
        if opts.upper:
            text = text.upper()
        pad = " " * opts.indent
        body = textwrap.fill(
            text, width=opts.width, initial_indent=pad, subsequent_indent=pad
        )
        return number, body

    def run_all(self, lines, processes=2):
        with multiprocessing.Pool(processes) as pool:
            results = pool.starmap(self.run_job, enumerate(lines, start=1))
        self.jobs_done += len(results)
        return results


if __name__ == "__main__":
    formatter = BatchFormatter()
    lines = [line for line in JOBS.splitlines() if line.strip()]
    for number, body in formatter.run_all(lines):
        print(f"--- job {number}")
        print(body)
    print(f"{formatter.jobs_done} jobs formatted")
