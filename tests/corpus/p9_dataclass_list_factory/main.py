"""A dataclass with default_factory=list and dict fields is sent to Pool.map."""
from dataclasses import dataclass, field
from multiprocessing import Pool


@dataclass
class Batch:
    name: str
    items: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def size(batch):
    return batch.name, len(batch.items)


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(size, [Batch("a", [1, 2]), Batch("b")]))
