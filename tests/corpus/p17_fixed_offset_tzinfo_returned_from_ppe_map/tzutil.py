"""Timestamp helpers carried over from the project's Python 2 days."""
import re
from datetime import datetime, timedelta, tzinfo

_STAMP = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\s*(?:([+-])(\d\d):?(\d\d)|Z))?$"
)


class FixedOffset(tzinfo):
    """Fixed offset in minutes east of UTC (pre-datetime.timezone recipe)."""

    def __init__(self, offset_minutes, name):
        self._offset = timedelta(minutes=offset_minutes)
        self._name = name

    def utcoffset(self, dt):
        return self._offset

    def tzname(self, dt):
        return self._name

    def dst(self, dt):
        return timedelta(0)

    def __repr__(self):
        return f"FixedOffset({self._name})"


_zones = {}


def offset_zone(minutes):
    if minutes not in _zones:
        sign = "+" if minutes >= 0 else "-"
        hh, mm = divmod(abs(minutes), 60)
        _zones[minutes] = FixedOffset(minutes, f"UTC{sign}{hh:02d}:{mm:02d}")
    return _zones[minutes]


def parse_stamp(text):
    m = _STAMP.match(text.strip())
    if not m:
        raise ValueError(f"bad timestamp {text!r}")
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    minutes = 0
    if sign:
        minutes = int(oh) * 60 + int(om)
        if sign == "-":
            minutes = -minutes
    return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=offset_zone(minutes))
