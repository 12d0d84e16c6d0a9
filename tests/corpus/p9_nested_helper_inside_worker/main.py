"""The worker defines and uses a nested helper and a lambda internally; only ints cross."""
from concurrent.futures import ProcessPoolExecutor


def digit_sum_chain(n):
    def step(x):
        return sum(int(d) for d in str(x))

    key = lambda x: x < 10  # noqa: E731
    while not key(n):
        n = step(n)
    return n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(digit_sum_chain, [9875, 12345])))
