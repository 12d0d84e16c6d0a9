"""A solver made at import time from a subclass (in another module) of a pooled base in a third one; the subclass replaces __init__."""
from sparse import SparseSolver

SOLVER = SparseSolver()
print(SOLVER.solve([[1, 2], [], [3, 4]]))
SOLVER.close()
