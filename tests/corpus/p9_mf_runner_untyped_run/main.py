"""runner.run_all(executor, fn, items) is generic; main passes jobs.checksum."""
from concurrent.futures import ProcessPoolExecutor

from jobs import checksum
from runner import run_all

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(run_all(ex, checksum, ["a.txt", "b.txt"]))
