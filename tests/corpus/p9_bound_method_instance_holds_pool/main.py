"""A class keeps its Pool on self and maps one of its own methods."""
from multiprocessing import Pool


class Crawler:
    def __init__(self, workers=2):
        self.pool = Pool(workers)

    def parse(self, page):
        return page.count("<a")

    def crawl(self, pages):
        try:
            return self.pool.map(self.parse, pages)
        finally:
            self.pool.close()
            self.pool.join()


if __name__ == "__main__":
    print(Crawler().crawl(["<a><a>", "<p><a>"]))
