# A file object in the arguments: dill pickles open files (it reopens them by name).
from pathos.multiprocessing import ProcessingPool


def size(f):
    return len(f.name)


if __name__ == "__main__":
    with open(__file__) as f:
        pool = ProcessingPool(nodes=2)
        result = pool.amap(size, [f, f])
        print(result.get(timeout=30))
        pool.close()
        pool.join()
        pool.clear()
