"""A module-level Enum (fine)."""
import enum
from multiprocessing import Pool


class Tier(enum.Enum):
    BASIC = 1
    PRO = 2


def price(tier):
    return {1: 5, 2: 10}[tier.value]


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(price, [Tier.BASIC, Tier.PRO]))
