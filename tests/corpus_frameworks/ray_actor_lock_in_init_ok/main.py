# The fix ray's maintainers suggest in https://github.com/ray-project/ray/issues/8516:
# create the lock inside the actor, so only the class crosses.
import threading

import ray


@ray.remote
class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.n = 0

    def incr(self):
        with self.lock:
            self.n += 1
            return self.n


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    c = Counter.remote()
    print(ray.get([c.incr.remote() for _ in range(3)]))
    ray.shutdown()
