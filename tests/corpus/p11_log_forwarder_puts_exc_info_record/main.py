"""A hand-written handler in the child puts LogRecords straight on a multiprocessing Queue; logger.exception leaves exc_info (a traceback) on the record (https://github.com/mCodingLLC/VideosSampleCode/issues/19)."""
import logging
import multiprocessing as mp


class QueueForwarder(logging.Handler):
    """Sends records to the parent, which owns the real handlers."""

    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def emit(self, record):
        self.queue.put(record)


def import_batches(queue, batches):
    log = logging.getLogger("importer")
    log.setLevel(logging.INFO)
    log.addHandler(QueueForwarder(queue))
    for number, batch in enumerate(batches):
        try:
            total = sum(int(v) for v in batch)
        except ValueError:
            log.exception("batch %d has an invalid row", number)
        else:
            log.info("batch %d imported, total %d", number, total)


if __name__ == "__main__":
    batches = [["1", "2"], ["3", "x"], ["5", "6"]]
    queue = mp.Queue()
    worker = mp.Process(target=import_batches, args=(queue, batches))
    worker.start()
    for _ in batches:
        record = queue.get(timeout=1.0)
        print(record.levelname, record.getMessage())
    worker.join()
