"""Mailbox indexer: parse FETCH INTERNALDATE lines in a process pool.

Modelled on https://github.com/mjs/imapclient/issues/388 ("FixedOffset cannot be
unpickled": TypeError: __init__() missing 1 required positional argument: 'minutes').

What fails: the worker returns dicts whose "internaldate" is an aware datetime
carrying imap_dates' FixedOffset tzinfo.  datetime.tzinfo.__reduce__ rebuilds a
tzinfo subclass by calling it with no arguments (there is no __getinitargs__), so
the worker pickles the results fine but the parent cannot rebuild them:
FixedOffset() -> TypeError, and the executor reports BrokenProcessPool.
"""
from concurrent.futures import ProcessPoolExecutor

from imap_dates import parse_fetch_line

SAMPLE = [
    '1 (INTERNALDATE "17-Jul-1996 02:44:25 -0700")',
    '2 (INTERNALDATE "03-Feb-2021 11:02:51 +0100")',
    '3 (INTERNALDATE "28-Mar-2023 23:59:00 +0530")',
    '4 (INTERNALDATE "01-Jan-2024 00:00:01 +0000")',
    '5 (INTERNALDATE "14-Aug-2022 08:15:42 -0400")',
    '6 (INTERNALDATE "09-Sep-2020 17:30:00 +0900")',
]


def index_batch(lines):
    return [parse_fetch_line(line) for line in lines]


def batches(lines, size):
    for start in range(0, len(lines), size):
        yield lines[start:start + size]


def build_index(lines):
    index = {}
    with ProcessPoolExecutor(max_workers=2) as pool:
        for records in pool.map(index_batch, batches(lines, 2), chunksize=1):
            for rec in records:
                index[rec["msgid"]] = rec["internaldate"]
    return index


def main():
    index = build_index(SAMPLE)
    newest = max(index, key=lambda k: index[k])
    print("indexed", len(index), "messages; newest is", newest, index[newest].isoformat())


if __name__ == "__main__":
    main()
