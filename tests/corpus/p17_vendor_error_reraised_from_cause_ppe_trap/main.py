"""Nightly invoice sync that wraps SDK errors before they leave the worker.

Modelled on https://github.com/cloudpipe/cloudpickle/issues/248
("Chained exception lost in round trip": an exception raised with
`raise ... from ex` loses its __cause__ when pickled).

Why it works (trap): vendor_sdk.QuotaExceeded has a custom __init__(account,
limit) but passes only the message to Exception, so on its own it could not be
rebuilt in the parent.  The worker catches it and raises SyncFailed(message)
`from` it.  Exception pickling (BaseException.__reduce__) carries only the
class, args and __dict__ -- never __cause__ / __context__ -- and
ProcessPoolExecutor sends the formatted remote traceback as text, so only the
message-only SyncFailed crosses the process boundary and is rebuilt fine under
spawn, fork and forkserver.
"""
from concurrent.futures import ProcessPoolExecutor, as_completed

import vendor_sdk


class SyncFailed(Exception):
    """Raised by the worker; carries only a message."""


def sync_account(account, count=20):
    try:
        invoices = vendor_sdk.fetch_invoices(account, count)
    except vendor_sdk.QuotaExceeded as exc:
        raise SyncFailed(f"sync of {account!r} failed: {exc}") from exc
    return account, len(invoices), sum(i["amount"] for i in invoices)


if __name__ == "__main__":
    accounts = ["acme", "globex", "initech", "umbrella"]
    synced, failed = [], []
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {pool.submit(sync_account, a): a for a in accounts}
        for fut in as_completed(futures):
            try:
                synced.append(fut.result())
            except SyncFailed as err:
                failed.append((futures[fut], str(err), type(err.__cause__).__name__))
    for account, n, total in sorted(synced):
        print(f"synced {account:<9} {n} invoices  {total:.2f}")
    for account, message, cause in sorted(failed):
        print(f"FAILED {account:<9} {message}  (cause seen in parent: {cause})")
