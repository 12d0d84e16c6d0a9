"""Apply a VAT multiplier to a price list in parallel."""
from multiprocessing import Pool

PRICES = [9.99, 24.50, 3.75, 120.00]

if __name__ == "__main__":
    with Pool(2) as pool:
        gross = pool.map(lambda p: round(p * 1.2, 2), PRICES)
    print(gross)
