"""Stand-in for a third-party billing SDK (its exception cannot be rebuilt by pickle)."""


class QuotaExceeded(Exception):
    def __init__(self, account, limit):
        super().__init__(f"account {account} exceeded {limit} requests/minute")
        self.account = account
        self.limit = limit


_QUOTAS = {"acme": 100, "globex": 10, "initech": 50, "umbrella": 5}


def fetch_invoices(account, count):
    limit = _QUOTAS.get(account, 0)
    if count > limit:
        raise QuotaExceeded(account, limit)
    return [{"account": account, "invoice": n, "amount": 10.0 * (n + 1)} for n in range(count)]
