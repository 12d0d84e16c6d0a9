# Shape of https://github.com/explosion/spaCy/issues/3193 (the fix was to ask for the
# "multiprocessing" backend): here the same switch with a lambda in the task.
from joblib import Parallel, delayed


def apply(fn, x):
    return fn(x)


if __name__ == "__main__":
    square = lambda x: x * x  # noqa: E731
    out = Parallel(n_jobs=2, backend="multiprocessing")(delayed(apply)(square, i) for i in range(8))
    print(out)
