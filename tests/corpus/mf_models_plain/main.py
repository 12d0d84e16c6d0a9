"""Frozen dataclass from models.py sent to pool workers (fine)."""
from multiprocessing import Pool

from models import Product


def stock_value(p):
    return p.sku, p.price * p.qty


if __name__ == "__main__":
    products = [Product("A1", 2.5, 4), Product("B2", 10.0, 1)]
    with Pool(2) as pool:
        print(pool.map(stock_value, products))
