"""An asyncio document service keeps the current request id in a ContextVar and, so that the
blocking checksum work can still log it, hands ``ctx.run`` to ``loop.run_in_executor`` with a
ProcessPoolExecutor (what asyncio.to_thread does for threads). The callable is a bound method of
the copied ``contextvars.Context``, which pickle refuses, so every request fails with
"cannot pickle '_contextvars.Context' object" (the shape of
https://github.com/taskiq-python/taskiq/issues/611)."""
import asyncio
import contextvars
import functools
import hashlib
import logging
import time
from concurrent.futures import ProcessPoolExecutor

request_id = contextvars.ContextVar("request_id", default="-")
log = logging.getLogger("docservice")


def checksum_document(name, payload, rounds):
    started = time.perf_counter()
    digest = payload
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    elapsed = time.perf_counter() - started
    log.info("[%s] %s hashed in %.3fs", request_id.get(), name, elapsed)
    return f"{request_id.get()}:{name}:{digest.hex()[:16]}"


class DocumentService:
    def __init__(self, executor, rounds=2000):
        self.executor = executor
        self.rounds = rounds
        self.processed = []

    async def run_blocking(self, func, *args):
        """Run func in the executor *inside the caller's context* (request id included)."""
        loop = asyncio.get_running_loop()
        ctx = contextvars.copy_context()
        call = functools.partial(func, *args)
        return await loop.run_in_executor(self.executor, ctx.run, call)

    async def handle(self, rid, name, payload):
        request_id.set(rid)
        log.info("[%s] received %s (%d bytes)", request_id.get(), name, len(payload))
        result = await self.run_blocking(checksum_document, name, payload, self.rounds)
        self.processed.append(result)
        return result


async def main():
    documents = [
        (f"req-{i:03d}", f"invoice-{i}.txt", f"invoice number {i}\n".encode() * 20)
        for i in range(4)
    ]
    with ProcessPoolExecutor(max_workers=2) as executor:
        service = DocumentService(executor)
        results = await asyncio.gather(*(service.handle(*doc) for doc in documents))
    for line in results:
        print(line)
    print(f"{len(service.processed)} documents processed")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(processName)s %(message)s")
    asyncio.run(main())
