# Shape of https://github.com/ray-project/ray/pull/12142 (the serialization checker's example:
# a function that prints a module-level lock): the remote function is pickled by value
# with the globals it uses.
import threading

import ray

lock = threading.Lock()


@ray.remote
def test():
    with lock:
        return "done"


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    print(ray.get(test.remote()))
    ray.shutdown()
