"""A dataclass field uses default_factory=threading.Lock."""
import threading
from dataclasses import dataclass, field
from concurrent.futures import ProcessPoolExecutor


@dataclass
class Inventory:
    sku: str
    qty: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def restock(inv):
    return inv.sku, inv.qty + 10


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(restock, [Inventory("a1"), Inventory("b2", 5)])))
