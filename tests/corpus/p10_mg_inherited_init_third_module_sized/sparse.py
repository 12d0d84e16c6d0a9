"""Sparse solvers: one process per core, and the pool itself comes from the base class."""
from multiprocessing import cpu_count

from solvers import PooledSolver


class SparseSolver(PooledSolver):
    def __init__(self):
        super().__init__(processes=min(2, cpu_count()))

    def solve(self, blocks):
        return super().solve([b for b in blocks if b])
