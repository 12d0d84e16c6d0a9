"""A task object builds its own logging.Logger(...) instead of logging.getLogger(...) and is submitted to a ProcessPoolExecutor (https://github.com/loosolab/UROPA/issues/14, https://github.com/fal-ai/dbt-fal/pull/777)."""
import logging
from concurrent.futures import ProcessPoolExecutor


class AnnotationTask:
    def __init__(self, region):
        self.region = region
        self._logger = logging.Logger("annotator", logging.INFO)
        self._logger.addHandler(logging.NullHandler())

    def run(self):
        self._logger.info("annotating %s", self.region)
        chrom, span = self.region.split(":")
        start, end = (int(p) for p in span.split("-"))
        return chrom, end - start


def run_task(task):
    return task.run()


if __name__ == "__main__":
    tasks = [AnnotationTask("chr1:100-250"), AnnotationTask("chr2:40-90")]
    with ProcessPoolExecutor(max_workers=2) as executor:
        print(list(executor.map(run_task, tasks)))
