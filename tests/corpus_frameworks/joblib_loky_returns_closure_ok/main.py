# Each task builds and returns a scoring function; loky pickles results with cloudpickle
# too, so closures come back fine.
from joblib import Parallel, delayed


def make_scorer(weight):
    return lambda value: value * weight


if __name__ == "__main__":
    scorers = Parallel(n_jobs=2)(delayed(make_scorer)(w) for w in (0.5, 1.0, 2.0))
    print([s(10) for s in scorers])
