# The task is fine, but what it returns is a generator: loky pickles results back too.
from joblib import Parallel, delayed


def tokens(text):
    return (t.lower() for t in text.split())


if __name__ == "__main__":
    docs = ["A b C", "d E"]
    for toks in Parallel(n_jobs=2)(delayed(tokens)(d) for d in docs):
        print(list(toks))
