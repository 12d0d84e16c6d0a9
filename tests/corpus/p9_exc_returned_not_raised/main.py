"""Workers return (not raise) exception objects with a two-argument __init__ to collect errors."""
from multiprocessing import Pool


class RowError(Exception):
    def __init__(self, row, reason):
        super().__init__(f"row {row}: {reason}")
        self.row = row


def validate(row):
    if row % 2:
        return RowError(row, "odd")
    return row


if __name__ == "__main__":
    with Pool(2) as pool:
        results = pool.map(validate, [2, 3])
    print([r for r in results if isinstance(r, Exception)])
