# loky's reusable executor pickles submitted callables with cloudpickle: a lambda is fine.
from joblib.externals.loky import get_reusable_executor

if __name__ == "__main__":
    executor = get_reusable_executor(max_workers=2)
    offset = 10
    futures = [executor.submit(lambda x: x + offset, i) for i in range(4)]
    print([f.result() for f in futures])
