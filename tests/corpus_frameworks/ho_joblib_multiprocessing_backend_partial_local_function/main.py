# The same partial over a nested function, but with backend="multiprocessing": the tasks go
# through multiprocessing.Pool's standard pickler, which pickles functions by name.
# Shape from https://github.com/joblib/joblib/issues/718 (loky and multiprocessing both fail).
import functools

from joblib import Parallel, delayed


def main():
    offset = 10

    def score(x, weight):
        return x * weight + offset

    scorer = functools.partial(score, weight=3)
    results = Parallel(n_jobs=2, backend="multiprocessing")(delayed(scorer)(i) for i in range(6))
    print(results)


if __name__ == "__main__":
    main()
