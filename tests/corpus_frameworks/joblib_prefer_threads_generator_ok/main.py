# prefer="threads" picks the threading backend: generators are passed around as they are.
from joblib import Parallel, delayed


def consume(gen):
    return sum(gen)


if __name__ == "__main__":
    gens = [(i * j for j in range(5)) for i in range(4)]
    print(Parallel(n_jobs=2, prefer="threads")(delayed(consume)(g) for g in gens))
