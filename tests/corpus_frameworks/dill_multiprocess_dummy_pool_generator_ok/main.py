# multiprocess.dummy.Pool is a thread pool behind the same API: generators are fine.
from multiprocess.dummy import Pool

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(sum, [(i for i in range(n)) for n in range(5)]))
