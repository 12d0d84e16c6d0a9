"""Sales report whose row and total types are classes nested inside the report.

Modelled on https://github.com/python/cpython/issues/118538 ("Cannot pickle
private inner classes"), where the reporter's public nested class
MyOuterClass.MyInnerClass pickled fine and only the name-mangled private one
failed; older answers still claim nested classes "can't be pickled".

Why it works (trap): SalesReport.Row and SalesReport.Totals are ordinary,
public nested classes defined at module level.  Pickle protocol 4+ stores
their __qualname__ ("SalesReport.Row") and the receiving side resolves it
attribute by attribute from the (re-imported) main module, so sending Row
instances to Pool.map and returning Totals instances works under spawn, fork
and forkserver.
"""
from dataclasses import dataclass
from multiprocessing import Pool


class SalesReport:
    class Row:
        def __init__(self, region, units, unit_price, discount=0.0):
            self.region = region
            self.units = units
            self.unit_price = unit_price
            self.discount = discount

        def revenue(self):
            return self.units * self.unit_price * (1.0 - self.discount)

    @dataclass(frozen=True)
    class Totals:
        region: str
        revenue: float
        rows: int

    def __init__(self, raw_rows):
        self.rows = [SalesReport.Row(*r) for r in raw_rows]

    def by_region(self):
        grouped = {}
        for row in self.rows:
            grouped.setdefault(row.region, []).append(row)
        return grouped


def total_region(item):
    region, rows = item
    revenue = round(sum(r.revenue() for r in rows), 2)
    return SalesReport.Totals(region=region, revenue=revenue, rows=len(rows))


if __name__ == "__main__":
    report = SalesReport([
        ("north", 12, 9.99), ("south", 4, 24.50, 0.1), ("north", 7, 14.00),
        ("east", 30, 1.25), ("south", 9, 3.10), ("east", 2, 199.0, 0.25),
    ])
    with Pool(processes=2) as pool:
        totals = pool.map(total_region, sorted(report.by_region().items()))
    for t in totals:
        print(f"{t.region:<6} {t.rows} rows  {t.revenue:>9.2f}  ({type(t).__qualname__})")
