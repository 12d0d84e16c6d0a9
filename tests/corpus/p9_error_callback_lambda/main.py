"""apply_async gets lambdas as callback and error_callback (they run in the parent)."""
from multiprocessing import Pool


def risky(x):
    if x == 2:
        raise ValueError("two")
    return x * 10


if __name__ == "__main__":
    ok, bad = [], []
    with Pool(2) as pool:
        for x in range(4):
            pool.apply_async(risky, (x,), callback=lambda r: ok.append(r),
                             error_callback=lambda e: bad.append(str(e)))
        pool.close()
        pool.join()
    print(sorted(ok), bad)
