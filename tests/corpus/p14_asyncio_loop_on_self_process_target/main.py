"""A feed poller creates its asyncio event loop up front, in __init__
(``self.loop = asyncio.new_event_loop()``), and is run in a background process with
``Process(target=poller.run, args=(rounds,))``. Under spawn and forkserver the bound method is
pickled with the poller, and the poller's event loop does not pickle; under fork nothing is
pickled and the child drives the inherited loop (the shape of
https://github.com/aio-libs/aiohttp-devtools/issues/153, "can't pickle Loop objects")."""
import asyncio
import hashlib
import multiprocessing

FEEDS = {
    "news": "breaking: pickles remain hard",
    "blog": "how to share an event loop (you can't)",
    "status": "all systems nominal",
}


class FeedPoller:
    def __init__(self, feeds, out_queue, delay=0.01):
        self.feeds = dict(feeds)
        self.out = out_queue
        self.delay = delay
        self.loop = asyncio.new_event_loop()
        self.seen = {}

    async def fetch(self, name, round_no):
        await asyncio.sleep(self.delay)  # stands in for the HTTP request
        body = f"{self.feeds[name]} #{round_no % 2}"
        return name, hashlib.md5(body.encode()).hexdigest()

    async def poll_once(self, round_no):
        pairs = await asyncio.gather(*(self.fetch(n, round_no) for n in self.feeds))
        changed = [name for name, digest in pairs if self.seen.get(name) != digest]
        self.seen.update(pairs)
        return changed

    def run(self, rounds):
        asyncio.set_event_loop(self.loop)
        try:
            for round_no in range(rounds):
                changed = self.loop.run_until_complete(self.poll_once(round_no))
                self.out.put((round_no, sorted(changed)))
        finally:
            self.loop.close()
            self.out.put(None)


if __name__ == "__main__":
    updates = multiprocessing.Queue()
    poller = FeedPoller(FEEDS, updates)
    worker = multiprocessing.Process(target=poller.run, args=(3,), daemon=True)
    worker.start()
    while True:
        item = updates.get(timeout=10)
        if item is None:
            break
        round_no, changed = item
        print(f"round {round_no}: changed {changed}")
    worker.join(10)
    poller.loop.close()
    print("poller exit code", worker.exitcode)
