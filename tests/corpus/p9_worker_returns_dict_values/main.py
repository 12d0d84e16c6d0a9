"""The worker returns totals.values() (a dict view) instead of a list."""
from concurrent.futures import ProcessPoolExecutor


def totals(orders):
    out = {}
    for customer, amount in orders:
        out[customer] = out.get(customer, 0) + amount
    return out.values()


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(list(ex.submit(totals, [("a", 5), ("b", 2), ("a", 1)]).result()))
