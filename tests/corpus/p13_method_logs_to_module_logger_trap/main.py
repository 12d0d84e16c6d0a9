"""Two batch objects run a method on a ProcessPoolExecutor; the method logs through the
module's logger, whose RotatingFileHandler is attached in the parent (the shape of
https://github.com/Preston-Landers/concurrent-log-handler/issues/24)."""
import logging
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from logging.handlers import RotatingFileHandler

logger = logging.getLogger("batches")


def get_logger(log_filename):
    rotate_handler = RotatingFileHandler(log_filename, "a", 512 * 1024, 100)
    formatter = logging.Formatter("%(asctime)s %(process)d %(funcName)16s %(levelname)8s %(message)s")
    rotate_handler.setFormatter(formatter)
    logger.addHandler(rotate_handler)
    logger.setLevel(logging.INFO)
    return logger


class Batch:
    def __init__(self, name, rows):
        self.name = name
        self.rows = rows

    def func(self):
        total = sum(row["qty"] * row["price"] for row in self.rows)
        logger.info("batch %s: %d rows, total %.2f", self.name, len(self.rows), total)
        return self.name, round(total, 2)


if __name__ == "__main__":
    log_dir = tempfile.mkdtemp(prefix="batches-")
    get_logger(os.path.join(log_dir, "batches.log"))
    c1 = Batch("north", [{"qty": 2, "price": 3.5}, {"qty": 1, "price": 10.0}])
    c2 = Batch("south", [{"qty": 4, "price": 1.25}])

    with ProcessPoolExecutor(max_workers=2) as executor:
        f1 = executor.submit(c1.func)
        f2 = executor.submit(c2.func)
        print(f1.result(), f2.result())
    logger.info("all batches done")
