"""A function's default argument is a solver: defaults are evaluated when the def runs, on import."""
from solvers import DirectSolver


def simulate(blocks, solver=DirectSolver()):
    return solver.solve(blocks)


print(simulate([[1, 2], [3, 4]]))
