"""Smoke test for the inventory sync that patches the network call with unittest.mock.

Modelled on https://github.com/python/cpython/issues/100090
("Cannot pickle Mock/MagicMock objects, or use them with multiprocessing").

What fails: mock.patch.object replaces inventory.fetch_stock with a MagicMock.
sync_all() then submits that MagicMock to a ProcessPoolExecutor.  Every
MagicMock instance has its own private subclass, so pickle's by-reference
lookup of the class finds unittest.mock.MagicMock, which is a different object:
  PicklingError: Can't pickle <class 'unittest.mock.MagicMock'>: it's not the
  same object as unittest.mock.MagicMock
The error surfaces from future.result() under every start method.
"""
from unittest import mock

import inventory

FAKE_STOCK = {
    "ams": {"SKU-1": 4, "SKU-2": 10},
    "fra": {"SKU-1": 1},
    "waw": {"SKU-2": 3, "SKU-3": 7},
}


def fake_fetch(warehouse):
    return dict(FAKE_STOCK[warehouse])


def test_sync_all_merges_warehouses():
    with mock.patch.object(inventory, "fetch_stock", side_effect=fake_fetch):
        totals = inventory.sync_all()
    assert totals == {"SKU-1": 5, "SKU-2": 13, "SKU-3": 7}, totals
    print("ok:", totals)


if __name__ == "__main__":
    test_sync_all_merges_warehouses()
