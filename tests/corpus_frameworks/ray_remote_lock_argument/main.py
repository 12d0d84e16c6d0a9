# Shape of https://github.com/ray-project/ray/issues/8516 ("How to set lock?" - "can't
# pickle _thread.lock objects"): a lock handed to a task.
import threading

import ray


@ray.remote
def feed_items(lock, items):
    with lock:
        return len(items)


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    lock = threading.Lock()
    print(ray.get(feed_items.remote(lock, [1, 2, 3])))
    ray.shutdown()
