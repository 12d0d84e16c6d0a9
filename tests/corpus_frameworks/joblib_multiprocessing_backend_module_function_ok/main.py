# The snippet of https://github.com/joblib/joblib/issues/706 (a module-level square function),
# here on the multiprocessing backend.
# The multiprocessing backend with a plain module-level function: nothing special to send.
from joblib import Parallel, delayed


def word_count(line):
    return len(line.split())


if __name__ == "__main__":
    lines = ["a b c", "d e", "f", "g h i j"]
    counts = Parallel(n_jobs=2, backend="multiprocessing")(delayed(word_count)(s) for s in lines)
    print(counts)
