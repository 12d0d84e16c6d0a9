"""dataclasses.make_dataclass builds a config class named like its variable; instances go to PPE."""
from concurrent.futures import ProcessPoolExecutor
from dataclasses import make_dataclass

Job = make_dataclass("Job", [("name", str), ("retries", int, 1)])


def run(job):
    return f"{job.name} x{job.retries}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(run, [Job("a"), Job("b", 3)])))
