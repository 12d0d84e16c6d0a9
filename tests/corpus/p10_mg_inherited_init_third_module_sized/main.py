"""A solver made at import time; its class (another module) sizes the pool and calls super().__init__, which makes it in a third module."""
from sparse import SparseSolver

SOLVER = SparseSolver()
print(SOLVER.solve([[1, 2], [], [3, 4]]))
SOLVER.close()
