"""A decorator that tags the function with an attribute and returns it unchanged."""
from concurrent.futures import ProcessPoolExecutor


def retries(n):
    def mark(fn):
        fn.max_retries = n
        return fn
    return mark


@retries(3)
def parse_price(text):
    return round(float(text.strip("$")), 2)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        futs = [ex.submit(parse_price, p) for p in ["$1.50", "$20"]]
        print([f.result() for f in futs], parse_price.max_retries)
