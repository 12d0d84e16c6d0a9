"""A sync wrapper runs the `async def` worker with asyncio.run inside each process."""
import asyncio
from concurrent.futures import ProcessPoolExecutor


async def resize(name):
    await asyncio.sleep(0)
    return f"{name}-small"


def resize_sync(name):
    return asyncio.run(resize(name))


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(resize_sync, ["cat.png", "dog.png"])))
