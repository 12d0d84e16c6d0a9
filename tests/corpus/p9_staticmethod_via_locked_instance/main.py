"""apply_async gets svc.checksum, a staticmethod reached through an instance that holds a lock."""
import threading
from multiprocessing import Pool


class Service:
    def __init__(self):
        self.lock = threading.Lock()

    @staticmethod
    def checksum(data):
        return sum(data) % 256


if __name__ == "__main__":
    svc = Service()
    with Pool(2) as pool:
        res = [pool.apply_async(svc.checksum, (bytes([i, i + 1]),)) for i in range(3)]
        print([r.get() for r in res])
