"""Process target is a bound method of a plain instance (fine)."""
import sys
from multiprocessing import Process


class Crawler:
    def __init__(self, seeds):
        self.seeds = seeds

    def run(self):
        print("crawling", len(self.seeds))


if __name__ == "__main__":
    p = Process(target=Crawler(["http://a", "http://b"]).run)
    p.start()
    p.join()
    sys.exit(p.exitcode)
