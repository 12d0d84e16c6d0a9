"""pool.map(self.process, ...) from a class whose instance holds a threading.Lock."""
import threading
from multiprocessing import Pool


class Indexer:
    def __init__(self):
        self.lock = threading.Lock()
        self.seen = 0

    def process(self, doc):
        return len(doc.split())

    def run(self, docs):
        with Pool(2) as pool:
            counts = pool.map(self.process, docs)
        with self.lock:
            self.seen += len(counts)
        return counts


if __name__ == "__main__":
    print(Indexer().run(["a b", "c d e"]))
