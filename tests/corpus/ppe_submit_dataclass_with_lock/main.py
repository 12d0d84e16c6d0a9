"""A module-level dataclass holding a threading.Lock, sent to a worker."""
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field


@dataclass
class Inventory:
    items: dict
    lock: threading.Lock = field(default_factory=threading.Lock)


def count_items(inv):
    return sum(inv.items.values())


if __name__ == "__main__":
    inv = Inventory({"apple": 3, "pear": 5})
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(count_items, inv).result())
