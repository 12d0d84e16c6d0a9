"""executor.submit(self.score, ...) from a class holding only plain configuration."""
from concurrent.futures import ProcessPoolExecutor


class Scorer:
    def __init__(self, weights):
        self.weights = dict(weights)

    def score(self, features):
        return sum(self.weights.get(k, 0) * v for k, v in features.items())

    def run(self, rows):
        with ProcessPoolExecutor(max_workers=2) as ex:
            futs = [ex.submit(self.score, r) for r in rows]
            return [f.result() for f in futs]


if __name__ == "__main__":
    s = Scorer({"a": 2, "b": 0.5})
    print(s.run([{"a": 1}, {"a": 2, "b": 4}]))
