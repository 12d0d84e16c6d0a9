"""Script creates its pool at module level without a main guard."""
from multiprocessing import Pool


def square(n):
    return n * n


with Pool(2) as pool:
    print(pool.map(square, range(5)))
