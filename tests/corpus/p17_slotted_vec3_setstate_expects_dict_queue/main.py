"""Compute per-chunk centroids of a point cloud in worker processes.

Modelled on https://github.com/python/cpython/issues/96224 ("Expanding on the
default unpickling behavior of objects that do not implement __setstate__":
since 3.11 the default object.__getstate__ of a slotted object returns a
(dict-or-None, {slot: value}) tuple, not a dict).

What fails: Vec3 uses __slots__ and defines only __setstate__, written for the
old dict-shaped pickles.  The default reduce for the slotted class produces the
state (None, {"x": .., "y": .., "z": ..}); putting the result on the queue
pickles fine in the worker, but results.get() in the parent unpickles it and
calls Vec3.__setstate__ with the tuple:
"AttributeError: 'tuple' object has no attribute 'setdefault'" (all start methods).
"""
import multiprocessing as mp
import random

from geometry import Vec3, centroid


def make_cloud(n, seed):
    rng = random.Random(seed)
    return [Vec3(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(0, 2)) for _ in range(n)]


def chunk_worker(chunk_id, n_points, results):
    # each worker samples its own tile of the scan so only the result travels back
    points = make_cloud(n_points, seed=1000 + chunk_id)
    results.put((chunk_id, centroid(points)))


if __name__ == "__main__":
    results = mp.Queue()
    workers = [mp.Process(target=chunk_worker, args=(i, 250, results)) for i in range(4)]
    for w in workers:
        w.start()
    try:
        centroids = dict(results.get(timeout=10) for _ in workers)
    finally:
        for w in workers:
            w.join(timeout=10)
    for chunk_id in sorted(centroids):
        c = centroids[chunk_id]
        print(f"chunk {chunk_id}: centroid {c!r} |c|={c.norm():.3f}")
