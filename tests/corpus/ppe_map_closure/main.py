"""Convert currencies with a closure over the exchange rate."""
from concurrent.futures import ProcessPoolExecutor


def convert_all(amounts, rate):
    def convert(a):
        return round(a * rate, 2)

    with ProcessPoolExecutor(max_workers=2) as ex:
        return list(ex.map(convert, amounts))


if __name__ == "__main__":
    print(convert_all([10, 20, 35], 0.92))
