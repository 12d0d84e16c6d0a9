"""threading.Lock appears only in TYPE_CHECKING imports and annotations; ints are sent."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional
from concurrent.futures import ProcessPoolExecutor

if TYPE_CHECKING:
    from threading import Lock


def cube(n: int, lock: Optional[Lock] = None) -> int:
    if lock is not None:
        with lock:
            return n ** 3
    return n ** 3


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(cube, [1, 2, 3])))
