"""Functions and classes for the notebook: defined in a module, so every child can import them."""
from dataclasses import dataclass


def square(x):
    return x * x


def power(exponent, x):
    return x ** exponent


def run(job):
    return job.compute()


def init_worker():
    pass


@dataclass
class Job:
    n: int

    def compute(self):
        return self.n * 2
