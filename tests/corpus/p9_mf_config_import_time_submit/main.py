"""config.py probes the CPU count in a worker process at import time; main imports it at the top."""
from multiprocessing import Pool

import config


def square(x):
    return x * x


if __name__ == "__main__":
    with Pool(min(2, config.CPUS)) as pool:
        print(pool.map(square, [1, 2, 3]))
