"""An exception caught in the parent (with its __traceback__) is sent to a reporting worker."""
from multiprocessing import Pool


def report(exc):
    return f"{type(exc).__name__}: {exc}"


if __name__ == "__main__":
    errors = []
    for raw in ["1", "x", "2.5"]:
        try:
            int(raw)
        except ValueError as exc:
            errors.append(exc)
    with Pool(2) as pool:
        print(pool.map(report, errors))
