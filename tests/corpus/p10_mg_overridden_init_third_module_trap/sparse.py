"""Sparse solvers: they sum in this process, so they make no pool of their own."""
from solvers import PooledSolver


class SparseSolver(PooledSolver):
    def __init__(self):
        self.pool = None

    def solve(self, blocks):
        return [sum(b) for b in blocks if b]

    def close(self):
        pass
