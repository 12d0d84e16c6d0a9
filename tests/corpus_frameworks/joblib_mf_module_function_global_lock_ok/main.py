# The helper module keeps a module-level lock, but the function comes from an importable
# module, so cloudpickle sends it by reference: the workers import workers.py themselves.
from joblib import Parallel, delayed

from workers import cached_square

if __name__ == "__main__":
    print(Parallel(n_jobs=2)(delayed(cached_square)(i) for i in range(6)))
