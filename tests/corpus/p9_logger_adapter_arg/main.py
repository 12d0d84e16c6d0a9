"""A logging.LoggerAdapter carrying request context is passed to the worker."""
import logging
from concurrent.futures import ProcessPoolExecutor


def handle(log, item):
    log.info("handling %s", item)
    return item[::-1]


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    adapter = logging.LoggerAdapter(logging.getLogger("api"), {"request_id": "r-42"})
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(handle, adapter, "abc").result())
