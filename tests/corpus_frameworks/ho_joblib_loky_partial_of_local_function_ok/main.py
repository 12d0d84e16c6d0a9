# A functools.partial over a function defined inside main(), sent with loky (the default
# backend): cloudpickle pickles the nested function by value, so this works.
import functools

from joblib import Parallel, delayed


def main():
    offset = 10

    def score(x, weight):
        return x * weight + offset

    scorer = functools.partial(score, weight=3)
    results = Parallel(n_jobs=2)(delayed(scorer)(i) for i in range(6))
    print(results)


if __name__ == "__main__":
    main()
