def run_all(executor, fn, items, chunksize=1):
    return list(executor.map(fn, items, chunksize=chunksize))
