"""A server starts its worker as ``Process(target=worker.start)`` where ``Worker.__init__``
eagerly builds a BenchmarkManager holding an ``asyncio.Lock()`` and an ``asyncio.Queue()``; the
fix for that report blamed the asyncio.Lock for "cannot pickle '_thread.lock' object". On Python
3.10+ asyncio primitives made outside a running loop hold no loop and no thread lock (they bind to
a loop on first contended use), so the worker pickles and this program works under every start
method; the primitives are first used inside the child's own asyncio.run (modelled on
https://github.com/gpustack/gpustack/pull/5232)."""
import asyncio
import multiprocessing
from dataclasses import dataclass, field


@dataclass
class Config:
    name: str = "worker-1"
    benchmarks: list = field(default_factory=lambda: ["matmul", "fft", "sort"])
    repeats: int = 3


class BenchmarkManager:
    def __init__(self, config):
        self.config = config
        self._lock = asyncio.Lock()
        self._pending = asyncio.Queue()
        self.results = {}

    async def _run_one(self, name, repeat):
        await asyncio.sleep(0.001)
        async with self._lock:
            self.results.setdefault(name, []).append(len(name) * (repeat + 1))

    async def run_all(self):
        for name in self.config.benchmarks:
            for repeat in range(self.config.repeats):
                await self._pending.put((name, repeat))
        tasks = []
        while not self._pending.empty():
            tasks.append(asyncio.create_task(self._run_one(*await self._pending.get())))
        await asyncio.gather(*tasks)
        return {name: sum(v) for name, v in self.results.items()}


class Worker:
    def __init__(self, config, report):
        self.config = config
        self.report = report
        self.benchmarks = BenchmarkManager(config)

    def start(self):
        totals = asyncio.run(self.benchmarks.run_all())
        self.report.put((self.config.name, totals))


def run_server(config):
    report = multiprocessing.Queue()
    worker = Worker(config, report)
    proc = multiprocessing.Process(target=worker.start, daemon=True)
    proc.start()
    name, totals = report.get(timeout=10)
    proc.join(10)
    return name, totals, proc.exitcode


if __name__ == "__main__":
    name, totals, code = run_server(Config())
    print(f"{name} finished with exit code {code}")
    for bench, total in sorted(totals.items()):
        print(f"  {bench:7} {total}")
