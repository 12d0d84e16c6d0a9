"""An `async def` function is given to Pool.map."""
import asyncio
from multiprocessing import Pool


async def fetch(url):
    await asyncio.sleep(0)
    return len(url)


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(fetch, ["http://a", "http://bb"]))
