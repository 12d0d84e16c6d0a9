"""Clean records with per-column cleaners kept in a dict of lambdas."""
from multiprocessing import Pool

ROWS = [{"name": "  Ann ", "city": "oslo"}, {"name": "Bo", "city": " rome"}]


def clean(row, cleaners):
    return {k: cleaners.get(k, str)(v) for k, v in row.items()}


if __name__ == "__main__":
    cleaners = {"name": lambda s: s.strip(), "city": lambda s: s.strip().title()}
    with Pool(2) as pool:
        res = pool.starmap_async(clean, [(r, cleaners) for r in ROWS])
        print(res.get(timeout=30))
