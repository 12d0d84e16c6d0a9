"""An application object keeps its Process list on self and uses its own bound method as each target, so starting the second pickles the first, already started (https://bugs.python.org/issue46934)."""
import multiprocessing


def crawl(shard):
    return sum(range(shard * 1000))


class Application:
    def __init__(self, shards):
        self.shards = shards
        self._processes = [
            multiprocessing.Process(target=self._worker, args=(shard,)) for shard in shards
        ]

    def _worker(self, shard):
        print("shard", shard, crawl(shard))

    def start(self):
        for process in self._processes:
            process.start()

    def join(self):
        for process in self._processes:
            process.join()


if __name__ == "__main__":
    app = Application([1, 2])
    app.start()
    app.join()
