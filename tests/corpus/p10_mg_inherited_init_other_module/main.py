"""A solver subclass that keeps its base's __init__; one is made when the module is imported."""
from solvers import PooledSolver


class SparseSolver(PooledSolver):
    def solve(self, blocks):
        return super().solve([b for b in blocks if b])


SOLVER = SparseSolver()
print(SOLVER.solve([[1, 2], [], [3, 4]]))
SOLVER.close()
