"""Process target is a bound method of an instance holding a lock."""
import sys
import threading
from multiprocessing import Process


class Crawler:
    def __init__(self, seeds):
        self.seeds = seeds
        self.seen_lock = threading.Lock()

    def run(self):
        with self.seen_lock:
            print("crawling", len(self.seeds))


if __name__ == "__main__":
    p = Process(target=Crawler(["http://a", "http://b"]).run)
    p.start()
    p.join()
    sys.exit(p.exitcode)
