"""Submit a module-level dataclass instance (fine)."""
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


@dataclass
class Invoice:
    qty: int
    unit_price: float


def invoice_total(inv):
    return inv.qty * inv.unit_price


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(invoice_total, Invoice(3, 9.5)).result())
