"""A csv.DictReader over an in-memory text buffer is handed to the worker."""
import csv
import io
from concurrent.futures import ProcessPoolExecutor


def total_qty(reader):
    return sum(int(row["qty"]) for row in reader)


if __name__ == "__main__":
    text = "sku,qty\na,3\nb,4\n"
    reader = csv.DictReader(io.StringIO(text))
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(total_qty, reader).result())
