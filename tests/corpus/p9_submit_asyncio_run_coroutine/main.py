"""executor.submit(asyncio.run, fetch(url)): the coroutine object itself is sent to the worker."""
import asyncio
from concurrent.futures import ProcessPoolExecutor


async def fetch(url):
    await asyncio.sleep(0)
    return url.upper()


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        futs = [ex.submit(asyncio.run, fetch(u)) for u in ["a", "b"]]
        print([f.result() for f in futs])
