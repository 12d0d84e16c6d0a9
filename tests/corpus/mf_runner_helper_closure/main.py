"""A closure built in main is handed to the pool helper in runner.py."""
from runner import run_parallel


def main(prefix):
    def tag(s):
        return f"{prefix}:{s}"

    return run_parallel(tag, ["a", "b"])


if __name__ == "__main__":
    print(main("img"))
