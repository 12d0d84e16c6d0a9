"""An `async def` function is submitted to a ProcessPoolExecutor."""
import asyncio
from concurrent.futures import ProcessPoolExecutor


async def resize(name):
    await asyncio.sleep(0)
    return f"{name}-small"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        fut = ex.submit(resize, "cat.png")
        print(fut.result())
