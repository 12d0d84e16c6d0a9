"""Path, Decimal, Fraction, datetime with ZoneInfo, UUID and Enum values go to the pool."""
import datetime as dt
import uuid
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo
from concurrent.futures import ProcessPoolExecutor


def describe(item):
    path, amount, share, when, ident = item
    return f"{path.name} {amount + Decimal('0.01')} {share * 2} {when.tzname()} {ident.version}"


if __name__ == "__main__":
    item = (Path("/data/in.csv"), Decimal("9.99"), Fraction(1, 3),
            dt.datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC")), uuid.UUID(int=7, version=4))
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(describe, item).result())
