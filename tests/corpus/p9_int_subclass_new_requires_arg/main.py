"""An int subclass whose __new__ requires a currency is sent to a process pool."""
from concurrent.futures import ProcessPoolExecutor


class Money(int):
    def __new__(cls, cents, currency):
        obj = super().__new__(cls, cents)
        obj.currency = currency
        return obj


def fmt(m):
    return f"{int(m) / 100:.2f} {m.currency}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(list(ex.map(fmt, [Money(150, "EUR"), Money(99, "USD")])))
