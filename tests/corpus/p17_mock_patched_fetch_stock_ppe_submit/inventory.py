"""Inventory sync service: fans warehouse stock fetches out to worker processes."""
from concurrent.futures import ProcessPoolExecutor

WAREHOUSES = ("ams", "fra", "waw")


def fetch_stock(warehouse):
    """Fetch {sku: qty} for one warehouse.

    Production code calls the warehouse HTTP API here; the test suite is
    expected to patch this function out.
    """
    raise RuntimeError(f"network access disabled (tried to fetch {warehouse!r})")


def merge(counts_list):
    total = {}
    for counts in counts_list:
        for sku, qty in counts.items():
            total[sku] = total.get(sku, 0) + qty
    return dict(sorted(total.items()))


def sync_all(warehouses=WAREHOUSES, workers=2):
    # fetch_stock is looked up in this module's globals at call time, so a
    # mock.patch.object(inventory, "fetch_stock", ...) replaces what is submitted.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(fetch_stock, w) for w in warehouses]
        return merge(f.result() for f in futures)
