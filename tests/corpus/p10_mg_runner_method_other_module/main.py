"""A script without a main guard: it builds a runner and runs a batch at module level."""
from runner import Runner

runner = Runner(2)
results = runner.run([1, 2, 3])
print(sum(results))
