"""A Monte Carlo estimator keeps its own ``random.Random(seed)`` on self and fans batches out
with ``pool.map(sim.run_batch, ...)``; a second pass hands ``sim.rng.gauss`` (a bound method of
the Random instance) to the workers through functools.partial. Both look like they send live
state, and both pickle: a Random instance pickles its generator state, so every batch starts
from the same state (identical draws, the surprise of the thread) but nothing fails (modelled on
https://github.com/dask/distributed/pull/835, where sending random.randint ships the
RandomState along)."""
import functools
import math
import multiprocessing
import random


class MonteCarlo:
    def __init__(self, seed=2024, samples=2000):
        self.rng = random.Random(seed)
        self.samples = samples
        self.history = []

    def run_batch(self, batch_no):
        inside = 0
        for _ in range(self.samples):
            x, y = self.rng.random(), self.rng.random()
            inside += x * x + y * y <= 1.0
        return batch_no, 4.0 * inside / self.samples

    def estimate(self, batches, processes=2):
        with multiprocessing.Pool(processes) as pool:
            results = pool.map(self.run_batch, range(batches))
        self.history.extend(results)
        return sum(est for _, est in results) / len(results), results


def noisy_measurement(draw, true_value, n):
    readings = [true_value + draw(0.0, 0.5) for _ in range(n)]
    return sum(readings) / n


if __name__ == "__main__":
    sim = MonteCarlo()
    pi_estimate, batches = sim.estimate(batches=4)
    print(f"pi ~ {pi_estimate:.4f} (error {abs(pi_estimate - math.pi):.4f})")
    distinct = len({est for _, est in batches})
    print(f"{len(batches)} batches, {distinct} distinct estimates")

    measure = functools.partial(noisy_measurement, sim.rng.gauss)
    with multiprocessing.Pool(2) as pool:
        means = pool.starmap(measure, [(10.0, 50), (20.0, 50), (30.0, 50)])
    print("measurements:", [round(m, 3) for m in means])
