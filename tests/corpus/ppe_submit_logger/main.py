"""Pass a logging.Logger to a worker (loggers pickle by name: fine)."""
import logging
from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger("etl.loader")


def load(batch, logger):
    logger.debug("loading %d rows", len(batch))
    return len(batch)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(load, [1, 2, 3], log).result())
