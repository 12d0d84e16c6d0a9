"""A TypedDict declared inside a function; its instances are sent to the pool."""
from concurrent.futures import ProcessPoolExecutor
from typing import TypedDict


def price_with_tax(item):
    return round(item["price"] * 1.2, 2)


def main():
    class Item(TypedDict):
        name: str
        price: float

    items = [Item(name="pen", price=1.5), Item(name="ink", price=4.0)]
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(price_with_tax, items)))


if __name__ == "__main__":
    main()
