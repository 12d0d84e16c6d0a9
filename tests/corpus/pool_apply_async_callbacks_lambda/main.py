"""Collect results via callback/error_callback lambdas (they run in the parent: fine)."""
from multiprocessing import Pool


def fetch_size(name):
    return len(name) * 1024


if __name__ == "__main__":
    sizes, errors = [], []
    with Pool(2) as pool:
        pending = [
            pool.apply_async(fetch_size, (n,), callback=lambda r: sizes.append(r),
                             error_callback=lambda e: errors.append(e))
            for n in ["a.png", "bb.png", "ccc.png"]
        ]
        for job in pending:
            job.get(timeout=30)
    print(sorted(sizes), errors)
