"""The same tracker keeps only paths on self (``self.run_dir.parent``, a ``Path`` made with
``/``) and opens the log where it writes: a bound method of it crosses to the workers, since
paths pickle (the fix suggested in threads about trainers that keep their log file on self)."""
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


class ExperimentTracker:
    def __init__(self, root):
        self.run_dir = Path(root) / "runs" / "exp-001"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.runs_root = self.run_dir.parent
        self.metrics_path = self.run_dir / "metrics.log"

    def score(self, fold):
        return fold, sum(range(fold * 1000)) % 97

    def log(self, fold, value):
        with self.metrics_path.open("a") as metrics:
            metrics.write(f"fold={fold} score={value}\n")


if __name__ == "__main__":
    tracker = ExperimentTracker(tempfile.mkdtemp(prefix="tracker-"))
    with ProcessPoolExecutor(max_workers=2) as executor:
        for fold, value in executor.map(tracker.score, range(4)):
            tracker.log(fold, value)
    print("logged under", tracker.runs_root.name)
