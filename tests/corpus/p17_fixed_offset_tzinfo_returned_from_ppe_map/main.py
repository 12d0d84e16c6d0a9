"""Parse access-log lines in worker processes and sort the events by time.

Modelled on https://github.com/mjs/imapclient/issues/388
("imapclient.fixed_offset.FixedOffset cannot be unpickled":
TypeError: __init__() missing 1 required positional argument: 'minutes').

What fails: each worker returns a dict whose "when" value is an aware datetime
using tzutil.FixedOffset.  tzinfo.__reduce__ rebuilds a tzinfo subclass by
calling the class with the result of __getinitargs__(), or with no arguments
when that method is missing, followed by the instance __dict__.  Pickling the
result in the worker succeeds; unpickling it in the parent calls
FixedOffset() with no arguments and raises TypeError, so the result cannot be
read back and ProcessPoolExecutor raises BrokenProcessPool (all start methods).
"""
from concurrent.futures import ProcessPoolExecutor

from tzutil import parse_stamp

LOG = """\
2024-03-01T10:15:00+05:30 GET /api/orders 200
2024-03-01T04:40:12Z GET /health 200
2024-03-01T06:01:45+01:00 POST /api/orders 201
2024-02-29T23:59:59-08:00 GET /api/orders/17 404
2024-03-01T07:30:00+02:00 DELETE /api/orders/17 204
"""


def parse_line(line):
    stamp, method, path, status = line.split()
    return {
        "when": parse_stamp(stamp),
        "method": method,
        "path": path,
        "status": int(status),
    }


def load_events(text, workers=2):
    lines = [ln for ln in text.splitlines() if ln.strip()]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        events = list(pool.map(parse_line, lines))
    events.sort(key=lambda e: e["when"])
    return events


if __name__ == "__main__":
    for event in load_events(LOG):
        print(event["when"].isoformat(), event["method"], event["path"], event["status"])
