import multiprocessing


def score(item):
    return item * item


class Runner:
    """Holds the settings; the pool is only made when a batch runs."""

    def __init__(self, workers):
        self.workers = workers

    def run(self, items):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(score, items)
