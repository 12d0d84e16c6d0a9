"""Submit a dataclass instance whose class is defined inside main()."""
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


def invoice_total(inv):
    return inv.qty * inv.unit_price


def main():
    @dataclass
    class Invoice:
        qty: int
        unit_price: float

    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(invoice_total, Invoice(3, 9.5)).result())


if __name__ == "__main__":
    main()
