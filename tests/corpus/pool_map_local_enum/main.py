"""An Enum defined inside a function, members sent to workers."""
import enum
from multiprocessing import Pool


def price(tier):
    return {1: 5, 2: 10}[tier.value]


def main():
    class Tier(enum.Enum):
        BASIC = 1
        PRO = 2

    with Pool(2) as pool:
        print(pool.map(price, [Tier.BASIC, Tier.PRO]))


if __name__ == "__main__":
    main()
