"""A dataclass creates its lock in __post_init__ for a field declared with init=False."""
import threading
from dataclasses import dataclass, field
from typing import Any
from concurrent.futures import ProcessPoolExecutor


@dataclass
class Buffer:
    capacity: int
    data: list = field(default_factory=list)
    lock: Any = field(init=False, repr=False)

    def __post_init__(self):
        self.lock = threading.Lock()


def free(buf):
    return buf.capacity - len(buf.data)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(free, Buffer(8, [1, 2])).result())
