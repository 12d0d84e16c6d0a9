"""The dataclass lock field is hidden with repr=False, compare=False (it is still a field)."""
import threading
from dataclasses import dataclass, field
from multiprocessing import Pool


@dataclass
class Job:
    name: str
    priority: int = 1
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)


def run(job):
    return f"{job.name}:{job.priority}"


if __name__ == "__main__":
    jobs = [Job("build"), Job("test", 2)]
    print(jobs)
    with Pool(2) as pool:
        print(pool.map(run, jobs))
