"""A dataclass defined inside main() is converted with asdict() before it is sent."""
from dataclasses import asdict, dataclass
from multiprocessing import Pool


def label(order):
    return f"{order['id']}: {order['qty']} x {order['sku']}"


def main():
    @dataclass
    class Order:
        id: int
        sku: str
        qty: int

    orders = [Order(1, "pen", 3), Order(2, "ink", 1)]
    with Pool(2) as pool:
        print(pool.map(label, [asdict(o) for o in orders]))


if __name__ == "__main__":
    main()
