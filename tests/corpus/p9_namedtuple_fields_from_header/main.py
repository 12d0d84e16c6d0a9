"""A namedtuple whose fields come from a CSV header is built at module level."""
import csv
import io
from collections import namedtuple
from concurrent.futures import ProcessPoolExecutor

DATA = "name,qty,price\nbolt,10,0.25\nnut,40,0.05\n"
_reader = csv.reader(io.StringIO(DATA))
Row = namedtuple("Row", next(_reader))
ROWS = [Row(*r) for r in _reader]


def total(row):
    return row.name, int(row.qty) * float(row.price)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(total, ROWS)))
