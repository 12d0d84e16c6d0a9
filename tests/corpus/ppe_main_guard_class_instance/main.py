"""Instances of a class defined under the main guard are sent to a worker."""
from concurrent.futures import ProcessPoolExecutor


def describe(item):
    return f"{item.sku}:{item.qty}"


if __name__ == "__main__":

    class Item:
        def __init__(self, sku, qty):
            self.sku = sku
            self.qty = qty

    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(describe, Item("X1", 4)).result())
