# Shape of https://github.com/ray-project/ray/issues/30972 ("RLock not Serializable", from an
# LRU cache): ray.put of an object that holds an RLock.
import threading

import ray


class LRUCache:
    def __init__(self, size):
        self.size = size
        self.data = {}
        self._lock = threading.RLock()


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    ref = ray.put(LRUCache(128))
    print(ray.get(ref).size)
    ray.shutdown()
