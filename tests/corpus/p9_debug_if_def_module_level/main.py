"""The worker is defined differently inside a module-level `if DEBUG:`; processes start under the guard."""
import os
from multiprocessing import Pool

DEBUG = os.environ.get("APP_DEBUG") == "1"

if DEBUG:
    def transform(x):
        print("transform", x)
        return x * 2
else:
    def transform(x):
        return x * 2


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(transform, [1, 2, 3]))
