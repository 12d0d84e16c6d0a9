"""A base class drops its lock in __getstate__; a subclass adds a sqlite3 connection."""
import sqlite3
import threading
from concurrent.futures import ProcessPoolExecutor


class Component:
    def __init__(self, name):
        self.name = name
        self._lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()


class Store(Component):
    def __init__(self, name):
        super().__init__(name)
        self.db = sqlite3.connect(":memory:")


def label(component):
    return component.name.upper()


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(label, Store("orders")).result())
