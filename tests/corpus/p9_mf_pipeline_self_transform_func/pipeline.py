from multiprocessing import Pool


class Pipeline:
    def __init__(self, transform, workers=2):
        self.transform = transform
        self.workers = workers

    def run(self, items):
        with Pool(self.workers) as pool:
            return pool.map(self.transform, items)
