"""Report generator that runs in a child process, handed the user's time zone.

Modelled on https://github.com/mjs/imapclient/issues/388 ("FixedOffset cannot be
unpickled": TypeError: __init__() missing 1 required positional argument), with the
zone passed in Process(args=...).
"""
import multiprocessing
from datetime import datetime, timedelta, tzinfo


class FixedZone(tzinfo):
    def __init__(self, hours):
        self._delta = timedelta(hours=hours)

    def utcoffset(self, dt):
        return self._delta

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return f"UTC{self._delta.total_seconds() / 3600:+.0f}"


def report(zone):
    print("generated at", datetime(2024, 1, 1, 9, 0, tzinfo=zone).isoformat())


if __name__ == "__main__":
    child = multiprocessing.Process(target=report, args=(FixedZone(9),))
    child.start()
    child.join()
    raise SystemExit(child.exitcode)
