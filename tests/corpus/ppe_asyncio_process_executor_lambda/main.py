"""asyncio run_in_executor with a ProcessPoolExecutor and a lambda."""
import asyncio
from concurrent.futures import ProcessPoolExecutor


async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        result = await loop.run_in_executor(pool, lambda: sum(range(10)))
    print(result)


if __name__ == "__main__":
    asyncio.run(main())
