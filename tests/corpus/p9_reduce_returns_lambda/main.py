"""__reduce__ returns a lambda as the constructor."""
from multiprocessing import Pool


class Money:
    def __init__(self, cents, currency="EUR"):
        self.cents = cents
        self.currency = currency

    def __reduce__(self):
        return (lambda c, cur: Money(c, cur), (self.cents, self.currency))


def fmt(m):
    return f"{m.cents / 100:.2f} {m.currency}"


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(fmt, [Money(150), Money(99, "USD")]))
