"""A tzinfo for the numeric offsets IMAP servers put in INTERNALDATE values."""
import datetime


class FixedOffset(datetime.tzinfo):
    """Fixed offset in minutes east of UTC (same shape as imapclient.fixed_offset)."""

    def __init__(self, minutes):
        self.__offset = datetime.timedelta(minutes=minutes)
        sign = "+" if minutes >= 0 else "-"
        hours, mins = divmod(abs(minutes), 60)
        self.__name = "%s%02d%02d" % (sign, hours, mins)

    def utcoffset(self, _dt):
        return self.__offset

    def tzname(self, _dt):
        return self.__name

    def dst(self, _dt):
        return datetime.timedelta(0)

    @classmethod
    def from_header(cls, text):
        sign = -1 if text[0] == "-" else 1
        return cls(sign * (int(text[1:3]) * 60 + int(text[3:5])))
