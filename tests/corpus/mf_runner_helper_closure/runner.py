from multiprocessing import Pool


def run_parallel(func, items):
    with Pool(2) as pool:
        return pool.map(func, items)
