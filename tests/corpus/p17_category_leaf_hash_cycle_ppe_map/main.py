"""Price every leaf category of the catalog in worker processes.

Modelled on https://github.com/cloudpipe/cloudpickle/issues/478
("Cyclic references not properly handled on load": instances held in sets
elsewhere cannot be unpickled because __hash__ runs before the object's state
is restored; the reporter's real case was a parent/children graph).

What fails: pickling a leaf Category works.  Unpickling it in the worker first
creates the empty leaf, then rebuilds its state dict; that state reaches the
parent, whose `children` set contains the (still empty) leaf.  Re-adding the
leaf to that set calls Category.__hash__ -> self.slug ->
"AttributeError: 'Category' object has no attribute 'slug'".  The worker dies
while reading the call item and the pool raises BrokenProcessPool (all start
methods).  Sending the root alone would not trip it.
"""
from concurrent.futures import ProcessPoolExecutor

from catalog import build_tree, leaves

CATALOG = {
    "garden": ("Garden", 1.25, {
        "tools": ("Tools", None, {
            "spades": ("Spades", None, {}),
            "shears": ("Shears", 1.4, {}),
        }),
        "seeds": ("Seeds", 1.1, {}),
    }),
    "kitchen": ("Kitchen", 1.3, {
        "knives": ("Knives", None, {}),
    }),
}

BASE_COST = {"spades": 12.0, "shears": 9.5, "seeds": 2.2, "knives": 18.0}


def price_category(category):
    cost = BASE_COST[category.slug]
    return category.path(), round(cost * category.markup, 2)


if __name__ == "__main__":
    roots = build_tree(CATALOG)
    targets = list(leaves(roots))
    with ProcessPoolExecutor(max_workers=2) as pool:
        for path, price in pool.map(price_category, targets):
            print(f"{path:<24} {price:>7.2f}")
