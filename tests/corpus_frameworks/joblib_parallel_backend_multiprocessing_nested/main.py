# parallel_backend("multiprocessing") around code that was written for loky: the nested
# helper function now goes through the standard pickler.
from joblib import Parallel, delayed, parallel_backend


def make_scaler(factor):
    def scale(x):
        return x * factor
    return scale


if __name__ == "__main__":
    scale = make_scaler(3)
    with parallel_backend("multiprocessing", n_jobs=2):
        print(Parallel()(delayed(scale)(i) for i in range(6)))
