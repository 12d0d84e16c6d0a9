"""A shared work queue served by a custom manager, written after the docs' remote-manager
example (`QueueManager.register('get_queue', callable=lambda: queue)`).

Modelled on the custom-manager examples of the multiprocessing docs, with the
registry entry a lambda and the manager started with `with QueueManager() as manager:`
(https://github.com/python/cpython/issues/91027, "Lambda can't be pickled with 'spawn'
and only 'fork'", is the general form of the report).
"""
import queue
from multiprocessing.managers import BaseManager

tasks = queue.Queue()


class QueueManager(BaseManager):
    pass


QueueManager.register("get_tasks", callable=lambda: tasks)


def main():
    with QueueManager() as manager:
        shared = manager.get_tasks()
        for n in range(3):
            shared.put(n * n)
        print(sorted(shared.get() for _ in range(3)))


if __name__ == "__main__":
    main()
