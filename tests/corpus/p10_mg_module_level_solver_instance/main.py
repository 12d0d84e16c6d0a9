"""A default solver is made when the module is imported; its __init__ (in solvers.py) makes a Pool."""
import solvers

DEFAULT_SOLVER = solvers.DirectSolver()

print(DEFAULT_SOLVER.solve([[1, 2], [3, 4]]))
DEFAULT_SOLVER.close()
