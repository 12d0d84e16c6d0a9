"""A helper in runner.py creates the pool; main passes a module-level function (fine)."""
from runner import run_parallel


def title(s):
    return s.title()


if __name__ == "__main__":
    print(run_parallel(title, ["ann smith", "bo lee"]))
