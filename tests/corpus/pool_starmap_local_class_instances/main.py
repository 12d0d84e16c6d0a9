"""Score orders; the Order class is defined inside main()."""
from multiprocessing import Pool


def score(order, weight):
    return order.amount * weight


def main():
    class Order:
        def __init__(self, amount):
            self.amount = amount

    jobs = [(Order(10), 0.5), (Order(20), 1.5)]
    with Pool(2) as pool:
        print(pool.starmap(score, jobs))


if __name__ == "__main__":
    main()
