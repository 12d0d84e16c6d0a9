"""Parsing of FETCH (INTERNALDATE ...) responses."""
import datetime

from fixed_offset import FixedOffset

_cache = {}


def _offset(text):
    # offsets repeat a lot in a mailbox, so share the tzinfo objects
    if text not in _cache:
        _cache[text] = FixedOffset.from_header(text)
    return _cache[text]


def parse_internaldate(value):
    stamp, _, zone = value.rpartition(" ")
    naive = datetime.datetime.strptime(stamp, "%d-%b-%Y %H:%M:%S")
    return naive.replace(tzinfo=_offset(zone))


def parse_fetch_line(line):
    msgid, _, rest = line.partition(" ")
    date_text = rest.split('"')[1]
    return {"msgid": int(msgid), "internaldate": parse_internaldate(date_text)}
