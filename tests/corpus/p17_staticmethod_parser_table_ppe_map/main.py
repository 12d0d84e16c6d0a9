"""Log importer that picks a line parser from a table built in the class body.

Modelled on https://github.com/freqtrade/freqtrade/pull/1772
("Gracefully handle pickle-errors when @staticmethod is used").

What fails: inside the class body, the names parse_csv / parse_kv are bound to
the staticmethod *objects* (the decorator result), not to plain functions, so
PARSERS holds staticmethod wrappers.  Looking them up through the dict skips
the descriptor protocol; since Python 3.10 a staticmethod object is callable,
so the importer works when run in-process.  Handing it to
ProcessPoolExecutor.map pickles the staticmethod wrapper itself:
"TypeError: cannot pickle 'staticmethod' object" (raised while iterating the
map results, under every start method).
"""
from concurrent.futures import ProcessPoolExecutor


class LogImporter:
    @staticmethod
    def parse_csv(line):
        ts, level, message = line.split(",", 2)
        return {"ts": ts, "level": level.strip(), "message": message.strip()}

    @staticmethod
    def parse_kv(line):
        fields = dict(part.split("=", 1) for part in line.split())
        return {"ts": fields["ts"], "level": fields["level"], "message": fields.get("msg", "")}

    PARSERS = {"csv": parse_csv, "kv": parse_kv}

    def __init__(self, fmt, workers=2):
        if fmt not in self.PARSERS:
            raise ValueError(f"unknown format {fmt!r}")
        self.fmt = fmt
        self.parser = self.PARSERS[fmt]
        self.workers = workers

    def parse_local(self, lines):
        return [self.parser(line) for line in lines]

    def parse_parallel(self, lines):
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(self.parser, lines, chunksize=8))


def summarize(records):
    counts = {}
    for rec in records:
        counts[rec["level"]] = counts.get(rec["level"], 0) + 1
    return dict(sorted(counts.items()))


if __name__ == "__main__":
    levels = ["INFO", "WARN", "INFO", "ERROR"]
    lines = [f"ts={1700000000 + i} level={levels[i % 4]} msg=event-{i}" for i in range(40)]
    importer = LogImporter("kv")
    print("local:", summarize(importer.parse_local(lines[:4])))
    print("parallel:", summarize(importer.parse_parallel(lines)))
