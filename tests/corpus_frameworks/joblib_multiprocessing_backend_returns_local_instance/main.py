# The multiprocessing backend: a module-level function returning an instance of a class
# made inside it; the result goes back through the standard pickler.
from joblib import Parallel, delayed


def parse(line):
    class Record:
        def __init__(self, fields):
            self.fields = fields

    return Record(line.split(","))


if __name__ == "__main__":
    out = Parallel(n_jobs=2, backend="multiprocessing")(delayed(parse)(s) for s in ["a,b", "c"])
    print([r.fields for r in out])
