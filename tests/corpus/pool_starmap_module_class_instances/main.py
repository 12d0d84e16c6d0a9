"""Score orders; Order is a module-level class (fine twin)."""
from multiprocessing import Pool


class Order:
    def __init__(self, amount):
        self.amount = amount


def score(order, weight):
    return order.amount * weight


def main():
    jobs = [(Order(10), 0.5), (Order(20), 1.5)]
    with Pool(2) as pool:
        print(pool.starmap(score, jobs))


if __name__ == "__main__":
    main()
