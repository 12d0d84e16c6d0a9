"""Store plain results in a Manager dict from pool workers (fine)."""
import multiprocessing as mp


def work(args):
    store, n = args
    store[n] = n * n


if __name__ == "__main__":
    with mp.Manager() as m:
        store = m.dict()
        with mp.Pool(2) as pool:
            pool.map(work, [(store, n) for n in range(3)])
        print(dict(store))
