"""The runner is made on import (its __init__ starts nothing); the batch runs under the guard."""
from runner import Runner

runner = Runner(2)
print(runner.workers)

if __name__ == "__main__":
    print(sum(runner.run([1, 2, 3])))
