# The lambda reads a table built under the main guard. cloudpickle sends a __main__
# function with the globals its code names (unlike dill, which looks them up again in
# the other side's __main__), so loky's workers see the table.
from joblib import Parallel, delayed


def apply(fn, x):
    return fn(x)


if __name__ == "__main__":
    table = {i: i * i for i in range(10)}
    print(Parallel(n_jobs=2)(delayed(apply)(lambda k: table[k], i) for i in range(5)))
