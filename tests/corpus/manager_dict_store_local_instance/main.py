"""A worker stores an instance of a function-local class in a Manager dict."""
import multiprocessing as mp


def work(args):
    store, n = args

    class Result:
        def __init__(self, value):
            self.value = value

    store[n] = Result(n)
    return n


if __name__ == "__main__":
    with mp.Manager() as m:
        store = m.dict()
        with mp.Pool(2) as pool:
            pool.map(work, [(store, n) for n in range(2)])
        print(len(store))
