"""A solver made at import time from a class of another module, whose pool-making __init__ comes from a base in a third one."""
from sparse import SparseSolver

SOLVER = SparseSolver()
print(SOLVER.solve([[1, 2], [], [3, 4]]))
SOLVER.close()
