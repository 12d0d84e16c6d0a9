# ParallelPool with generators as the arguments: dill cannot pickle them.
from pathos.pools import ParallelPool


def total(gen):
    return sum(gen)


if __name__ == "__main__":
    pool = ParallelPool(nodes=2)
    try:
        print(pool.map(total, [(i for i in range(n)) for n in (3, 4)]))
    finally:
        pool.close()
        pool.join()
        pool.clear()
