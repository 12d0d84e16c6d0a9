"""asyncio run_in_executor(None, lambda) uses threads (fine)."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    values = await asyncio.gather(*(loop.run_in_executor(None, lambda n=n: n * n) for n in range(3)))
    print(values)


if __name__ == "__main__":
    asyncio.run(main())
