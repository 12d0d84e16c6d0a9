"""Convert meeting times to each attendee's zone in a pool, with a hand-written tzinfo.

Looks like the FixedOffset bug of https://github.com/mjs/imapclient/issues/388, but
this class defines __getinitargs__, which tzinfo.__reduce__ calls to rebuild it with
its arguments, so the zones cross both ways.
"""
import multiprocessing
from datetime import datetime, timedelta, tzinfo


class Offset(tzinfo):
    def __init__(self, minutes, label):
        self.minutes = minutes
        self.label = label

    def __getinitargs__(self):
        return (self.minutes, self.label)

    def utcoffset(self, dt):
        return timedelta(minutes=self.minutes)

    def tzname(self, dt):
        return self.label

    def dst(self, dt):
        return timedelta(0)


UTC = Offset(0, "UTC")


def localise(item):
    stamp, zone = item
    return stamp.astimezone(zone)


if __name__ == "__main__":
    meeting = datetime(2024, 5, 2, 15, 30, tzinfo=UTC)
    zones = [Offset(330, "IST"), Offset(-420, "PDT"), Offset(120, "CEST")]
    with multiprocessing.Pool(2) as pool:
        for local in pool.map(localise, [(meeting, z) for z in zones]):
            print(local.isoformat(), local.tzname())
