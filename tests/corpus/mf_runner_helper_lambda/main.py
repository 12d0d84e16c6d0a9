"""A helper in runner.py creates the pool; main passes it a lambda."""
from runner import run_parallel

if __name__ == "__main__":
    print(run_parallel(lambda s: s.title(), ["ann smith", "bo lee"]))
