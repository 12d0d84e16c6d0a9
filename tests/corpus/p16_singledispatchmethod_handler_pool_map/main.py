"""Analytics event normaliser: the `handle` method is a functools.singledispatchmethod with one
implementation per event type, and the author fans the raw events out with
`pool.map(normaliser.handle, events)`, expecting a bound method like any other.

Looking `handle` up on the instance does not give a bound method: singledispatchmethod.__get__
builds a new plain function each time and copies `EventNormaliser.handle` into its
__qualname__ with update_wrapper.  pickle saves a function by that name, finds a *different*
freshly built function there, and refuses ("it's not the same object as
__main__.EventNormaliser.handle"), under every start method.

(the shape of https://github.com/kislyuk/ensure/issues/29: a decorator hands back a callable
whose name points at something else, with functools.singledispatchmethod as the decorator)
"""

import functools
import json
from dataclasses import dataclass
from multiprocessing import Pool


@dataclass
class Click:
    user: str
    x: int
    y: int


@dataclass
class PageView:
    user: str
    url: str
    duration_ms: int


@dataclass
class Purchase:
    user: str
    sku: str
    cents: int


class EventNormaliser:
    """Turns the different event records into flat rows for the warehouse."""

    def __init__(self, site, currency="EUR"):
        self.site = site
        self.currency = currency

    @functools.singledispatchmethod
    def handle(self, event):
        raise TypeError(f"unsupported event {event!r}")

    @handle.register
    def _(self, event: Click):
        return {"site": self.site, "kind": "click", "user": event.user, "pos": [event.x, event.y]}

    @handle.register
    def _(self, event: PageView):
        return {
            "site": self.site,
            "kind": "view",
            "user": event.user,
            "url": event.url,
            "seconds": round(event.duration_ms / 1000, 2),
        }

    @handle.register
    def _(self, event: Purchase):
        return {
            "site": self.site,
            "kind": "purchase",
            "user": event.user,
            "sku": event.sku,
            "amount": f"{event.cents / 100:.2f} {self.currency}",
        }


def load_events():
    events = []
    for i in range(12):
        user = f"u{i % 4}"
        if i % 3 == 0:
            events.append(Click(user, 10 * i, 5 * i))
        elif i % 3 == 1:
            events.append(PageView(user, f"/products/{i}", 1200 + 37 * i))
        else:
            events.append(Purchase(user, f"SKU-{i:03d}", 999 + i))
    return events


if __name__ == "__main__":
    normaliser = EventNormaliser("shop.example")
    events = load_events()

    with Pool(3) as pool:
        rows = pool.map(normaliser.handle, events, chunksize=2)

    for row in rows:
        print(json.dumps(row, sort_keys=True))
