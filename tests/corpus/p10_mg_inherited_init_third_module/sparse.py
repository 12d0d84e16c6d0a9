"""Sparse solvers: they skip empty blocks and leave the pool to the base class."""
from solvers import PooledSolver


class SparseSolver(PooledSolver):
    def solve(self, blocks):
        return super().solve([b for b in blocks if b])
