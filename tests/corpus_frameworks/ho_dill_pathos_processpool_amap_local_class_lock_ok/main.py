# pathos ProcessPool.amap over instances of a class defined inside main(), each holding a
# threading.Lock. dill pickles the class by value and rebuilds the lock, so this works.
import threading

from pathos.pools import ProcessPool


def main():
    class Tile:
        def __init__(self, n):
            self.n = n
            self.guard = threading.Lock()

        def area(self):
            with self.guard:
                return self.n * self.n

    def area_of(tile):
        return tile.area()

    pool = ProcessPool(nodes=2)
    try:
        result = pool.amap(area_of, [Tile(i) for i in range(5)])
        print(result.get(timeout=30))
    finally:
        pool.close()
        pool.join()
        pool.clear()


if __name__ == "__main__":
    main()
