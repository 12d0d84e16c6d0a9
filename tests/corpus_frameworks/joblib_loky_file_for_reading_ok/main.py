# A file opened for reading looks unpicklable, but cloudpickle (loky's pickler) sends
# files opened for reading by their contents.
from joblib import Parallel, delayed


def first_line(f):
    return f.readline().strip()


if __name__ == "__main__":
    with open(__file__) as f:
        print(Parallel(n_jobs=2)(delayed(first_line)(f) for _ in range(2)))
