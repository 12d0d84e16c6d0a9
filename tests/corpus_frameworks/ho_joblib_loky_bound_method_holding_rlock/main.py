# Based on https://github.com/joblib/joblib/issues/729 (delayed(self.method) inside a class:
# "Could not pickle the task to send it to the workers").
# The bound method carries `self`, and `self` holds a threading.RLock guarding a cache.
import threading

from joblib import Parallel, delayed


class Surrogates:
    def __init__(self, n_perm):
        self.n_perm = n_perm
        self._cache = {}
        self._cache_lock = threading.RLock()

    def spectral_surrogate(self, seed):
        return (seed * 7919) % 101

    def run(self):
        return Parallel(n_jobs=2)(
            delayed(self.spectral_surrogate)(perm) for perm in range(self.n_perm)
        )


if __name__ == "__main__":
    print(sum(Surrogates(8).run()))
