# The task builds and returns a client object that holds a lock: the worker has to
# serialize the return value to store it, and fails; ray.get raises the task's error.
import threading

import ray


class Session:
    def __init__(self, url):
        self.url = url
        self._lock = threading.Lock()


@ray.remote
def connect(url):
    return Session(url)


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    print(ray.get(connect.remote("http://localhost")).url)
    ray.shutdown()
