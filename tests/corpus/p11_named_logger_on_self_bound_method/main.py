"""Objects keep a module logger (with a file handler attached) on self and their bound methods are submitted to a ProcessPoolExecutor (https://github.com/Preston-Landers/concurrent-log-handler/issues/24, https://github.com/python/cpython/issues/74705)."""
import logging
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor


def get_logger(filename):
    logger = logging.getLogger("reports")
    handler = logging.FileHandler(filename)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger


class ReportBuilder:
    def __init__(self, name, logger):
        self.name = name
        self.logger = logger

    def build(self):
        self.logger.info("building %s", self.name)
        return f"{self.name}: done"


if __name__ == "__main__":
    log_path = os.path.join(tempfile.mkdtemp(), "reports.log")
    logger = get_logger(log_path)
    builders = [ReportBuilder("daily", logger), ReportBuilder("weekly", logger)]
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(b.build) for b in builders]
        for fut in futures:
            print(fut.result())
