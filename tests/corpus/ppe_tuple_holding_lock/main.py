"""A (name, lock) tuple sent as the task argument."""
import threading
from concurrent.futures import ProcessPoolExecutor


def process(entry):
    name, lock = entry
    return name.title()


if __name__ == "__main__":
    lock = threading.Lock()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(process, [("ann", lock), ("bo", lock)])))
