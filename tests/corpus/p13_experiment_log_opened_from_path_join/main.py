"""An experiment tracker opens its log with ``(self.run_dir / "metrics.log").open("a")`` and
the training loop hands a bound method of it to a ProcessPoolExecutor (the shape of
"TypeError: cannot pickle '_io.TextIOWrapper' object" reports for trainers that keep their
log file on self)."""
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


class ExperimentTracker:
    def __init__(self, root):
        self.run_dir = Path(root) / "runs" / "exp-001"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.metrics = (self.run_dir / "metrics.log").open("a")

    def score(self, fold):
        return fold, sum(range(fold * 1000)) % 97

    def log(self, fold, value):
        self.metrics.write(f"fold={fold} score={value}\n")


if __name__ == "__main__":
    tracker = ExperimentTracker(tempfile.mkdtemp(prefix="tracker-"))
    with ProcessPoolExecutor(max_workers=2) as executor:
        for fold, value in executor.map(tracker.score, range(4)):
            tracker.log(fold, value)
    tracker.metrics.close()
    print("logged to", tracker.run_dir.name)
