"""Manager dict proxy passed to pool tasks (fine)."""
import multiprocessing as mp


def record(args):
    store, key = args
    store[key] = len(key)
    return key


if __name__ == "__main__":
    with mp.Manager() as manager:
        store = manager.dict()
        with mp.Pool(2) as pool:
            pool.map(record, [(store, k) for k in ["alpha", "be", "gam"]])
        print(sorted(store.items()))
