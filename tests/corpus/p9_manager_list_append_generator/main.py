"""Pool workers append a lazy generator to a Manager list."""
from multiprocessing import Manager, Pool


def collect(args):
    results, chunk = args
    results.append(x * x for x in chunk)
    return len(chunk)


if __name__ == "__main__":
    with Manager() as m:
        results = m.list()
        with Pool(2) as pool:
            print(pool.map(collect, [(results, [1, 2]), (results, [3])]))
        print(len(results))
